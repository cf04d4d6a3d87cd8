/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

/**
 * Base of every exception this library throws. Messages say what went wrong, where
 * (file, key, line, port, member) and what to do about it.
 */
public class EmbeddedEtcdException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EmbeddedEtcdException(String message) {
        super(message);
    }

    public EmbeddedEtcdException(String message, Throwable cause) {
        super(message, cause);
    }
}
