/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.snapshot;

import io.github.embeddedetcd.EmbeddedEtcdException;

/**
 * A snapshot could not be saved or read; the message names the file and the member and says what
 * to do. A snapshot that failed is never left under its final name.
 */
public class SnapshotException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
