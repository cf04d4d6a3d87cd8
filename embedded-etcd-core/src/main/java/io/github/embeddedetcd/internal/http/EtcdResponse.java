/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.http;

/** What etcd answered: the HTTP status and the body (JSON, or text for errors of the gateway). */
public record EtcdResponse(int statusCode, String body) {
}
