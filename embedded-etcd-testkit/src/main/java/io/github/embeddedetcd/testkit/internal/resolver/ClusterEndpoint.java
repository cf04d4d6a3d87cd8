/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.resolver;

import java.net.URI;

/** A node of a running test cluster as a {@code cluster://} target resolves it. */
public record ClusterEndpoint(String nodeName, URI clientUrl) {
}
