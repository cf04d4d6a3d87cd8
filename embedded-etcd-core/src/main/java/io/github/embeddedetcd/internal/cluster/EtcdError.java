/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import java.util.List;

/** The etcd errors the membership code reacts to, recognised by etcd's error messages. */
enum EtcdError {
    TOO_MANY_LEARNERS("too many learner members in cluster"),
    LEARNER_NOT_IN_SYNC("can only promote a learner member which is in sync with leader"),
    NOT_A_LEARNER("can only promote a learner member"),
    UNHEALTHY_CLUSTER("unhealthy cluster"),
    NOT_ENOUGH_STARTED("re-configuration failed due to not enough started members"),
    MEMBER_NOT_FOUND("member not found"),
    PEER_URL_EXISTS("Peer URLs already exists"),
    LEARNER_RPC("rpc not supported for learner"),
    AUTH_FAILED("authentication failed, invalid user ID or password"),
    AUTH_NOT_ENABLED("authentication is not enabled"),
    /** The token expired or the member that issued it restarted: authenticate again. */
    INVALID_TOKEN("invalid auth token"),
    /** A call that needs a user came without a token (e.g. auth was enabled after the first call). */
    NO_USER("user name is empty"),
    PERMISSION_DENIED("permission denied"),
    /** A compaction up to a revision the history was already compacted beyond. */
    COMPACTED("required revision has been compacted"),
    /** No answer, or etcd cannot serve for a moment (no leader, request timed out). */
    UNREACHABLE(null),
    /** Something answered, but not etcd's gateway: a wrong URL. */
    NOT_ETCD(null),
    OTHER(null);

    private final String etcdMessage;

    EtcdError(String etcdMessage) {
        this.etcdMessage = etcdMessage;
    }

    /** etcd's answers while it cannot serve for a moment: an election, a slow disk. */
    private static final List<String> MOMENTARY = List.of("etcdserver: no leader", "etcdserver: leader changed",
            "etcdserver: request timed out", "etcdserver: server stopped");

    /** Classifies a failed call by etcd's error message, looking through wrapping exceptions. */
    static EtcdError of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            for (EtcdError error : values()) {
                if (error.etcdMessage != null && message.contains(error.etcdMessage)) {
                    return error;
                }
            }
            if (MOMENTARY.stream().anyMatch(message::contains)) {
                return UNREACHABLE;
            }
        }
        return OTHER;
    }

    /** Whether waiting and trying again can help. */
    boolean isTransient() {
        return this == TOO_MANY_LEARNERS || this == UNHEALTHY_CLUSTER || this == UNREACHABLE
                || this == LEARNER_NOT_IN_SYNC;
    }

    /** The innermost message of a failure, for error texts. */
    static String describe(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
