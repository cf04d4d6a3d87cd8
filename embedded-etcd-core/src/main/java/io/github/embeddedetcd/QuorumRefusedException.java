/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

/**
 * etcd refused a membership change to protect its quorum: the members left would not have a
 * quorum of started members, or the leader lost contact with a quorum in the last 5 seconds
 * ("unhealthy cluster", retried for {@code embedded.reconfig-timeout} first). Start the stopped
 * members, or wait for the cluster to settle, and retry.
 */
public class QuorumRefusedException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    public QuorumRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
