/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

/**
 * What an {@link EtcdCluster} annotation cannot say, said in code: a class named by
 * {@link EtcdCluster#configurer()}, with a no-argument constructor, that changes the cluster's
 * builder after the annotation's attributes are applied (as {@code @TempDir(factory = ...)} does for
 * temporary directories), e.g. {@code builder.configure(c -> c.set(Settings.SNAPSHOT_COUNT, 100L))}.
 */
@FunctionalInterface
public interface EtcdClusterConfigurer {

    /** Changes the builder; the cluster is started afterwards. */
    void configure(EtcdTestCluster.Builder builder);

    /** The default: the annotation's attributes alone. */
    final class None implements EtcdClusterConfigurer {
        @Override
        public void configure(EtcdTestCluster.Builder builder) {
            // nothing beyond the annotation
        }
    }
}
