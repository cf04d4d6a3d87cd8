/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.EmbeddedEtcd;

/**
 * Changes the member the starter builds, after the {@code embedded.etcd} properties are applied:
 * settings a property cannot express ({@code builder.configure(c -> c.set(Settings.X, value))}),
 * listeners, a computed data dir. Every bean of this type is applied, in {@code @Order}.
 */
@FunctionalInterface
public interface EmbeddedEtcdBuilderCustomizer {

    /** Changes the builder; the member is built and started afterwards. */
    void customize(EmbeddedEtcd.Builder builder);
}
