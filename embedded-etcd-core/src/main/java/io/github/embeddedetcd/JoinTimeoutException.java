/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

/**
 * A join did not complete within {@code embedded.join-timeout}: the member could not be added as a
 * learner (another learner in the way, no quorum, no member reachable), or it was added but not
 * promoted in time. The message says which; {@link #getCause()} is the last refusal etcd gave.
 */
public class JoinTimeoutException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    public JoinTimeoutException(String message, Throwable lastFailure) {
        super(message, lastFailure);
    }
}
