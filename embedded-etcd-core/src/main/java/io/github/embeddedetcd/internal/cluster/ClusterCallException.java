package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;

/** A membership call failed; {@link #error()} says how, for callers that retry or report. */
public final class ClusterCallException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final EtcdError error;

    ClusterCallException(String what, EtcdError error, Throwable cause) {
        super(what + " failed: " + EtcdError.describe(cause), cause);
        this.error = error;
    }

    EtcdError error() {
        return error;
    }
}
