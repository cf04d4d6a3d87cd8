/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.nio.file.Path;

/**
 * The data dir belongs to a member that was removed from its cluster: etcd must not start on it as
 * that member again. Its etcd data is moved aside; the member must join again
 * ({@link EmbeddedEtcd#join(java.net.URI...)}).
 */
public class MemberRemovedException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final transient Path movedTo;

    public MemberRemovedException(String message, Path movedTo) {
        super(message);
        this.movedTo = movedTo;
    }

    /** Where the removed member's old data now lies, or null when there was none to move (or not yet). */
    public Path movedTo() {
        return movedTo;
    }
}
