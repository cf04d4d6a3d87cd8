/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.EmbeddedEtcdException;

/** No usable etcd binary: none found, not executable, or older than 3.4. */
public class EtcdBinaryException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    public EtcdBinaryException(String message) {
        super(message);
    }
}
