/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;

/** A membership call failed; {@link #error()} says how, for callers that retry or report. */
public final class ClusterCallException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final EtcdError error;

    /** etcd refused the call: the message carries etcd's own words. */
    ClusterCallException(String what, EtcdError error, Throwable cause) {
        this(what + " failed: " + EtcdError.describe(cause), cause, error);
    }

    private ClusterCallException(String message, Throwable cause, EtcdError error) {
        super(message, cause);
        this.error = error;
    }

    /** No usable answer came from the endpoint; {@code why} says so in plain words. */
    static ClusterCallException noAnswer(String what, String why, EtcdError error, Throwable cause) {
        return new ClusterCallException(what + " failed: " + why, cause, error);
    }

    EtcdError error() {
        return error;
    }
}
