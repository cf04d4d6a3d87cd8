/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.util.ArrayList;
import java.util.List;

/** Turns an {@link EtcdConfig} into etcd's command-line flags: one per setting in effect that has a flag. */
final class EtcdFlags {

    private EtcdFlags() {
    }

    static List<String> of(EtcdConfig config, ClusterState state) {
        List<String> args = new ArrayList<>();
        for (Setting<?> setting : Settings.all()) {
            setting.etcdFlag().ifPresent(flag -> {
                String value = setting == Settings.INITIAL_CLUSTER_STATE ? state.flagValue() : rendered(config, setting);
                if (value != null) {
                    args.add("--" + flag + "=" + value);
                }
            });
        }
        args.addAll(config.extraArgs());
        return List.copyOf(args);
    }

    private static <T> String rendered(EtcdConfig config, Setting<T> setting) {
        T value = config.get(setting);
        return value == null ? null : setting.render(value);
    }
}
