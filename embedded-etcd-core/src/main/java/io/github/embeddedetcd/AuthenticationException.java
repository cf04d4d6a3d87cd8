/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

/**
 * etcd refused the configured user: a wrong password, an unknown user, or a user without the
 * permission a call needs (membership changes need the root role). The message names the user,
 * never the password.
 */
public class AuthenticationException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final String user;

    public AuthenticationException(String message, String user, Throwable cause) {
        super(message, cause);
        this.user = user;
    }

    /** The etcd user that was refused. */
    public String user() {
        return user;
    }
}
