/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EtcdVersion;

import java.util.ArrayList;
import java.util.List;

/** Turns an {@link EtcdConfig} into etcd's command-line flags: one per setting in effect that has a flag. */
final class EtcdFlags {

    private EtcdFlags() {
    }

    static List<String> of(EtcdConfig config, ClusterState state, EtcdVersion version) {
        List<String> args = new ArrayList<>();
        for (Setting<?> setting : Settings.all()) {
            setting.etcdFlag().ifPresent(flag -> {
                String value = setting == Settings.INITIAL_CLUSTER_STATE ? state.flagValue()
                        : config.isSet(setting) || defaultApplies(config, setting, version) ? rendered(config, setting)
                        : null;
                if (value != null) {
                    args.add("--" + flag + "=" + value);
                }
            });
        }
        args.addAll(config.extraArgs());
        return List.copyOf(args);
    }

    /** A default is passed where this etcd knows the key and the user gave none of the keys it yields to. */
    private static boolean defaultApplies(EtcdConfig config, Setting<?> setting, EtcdVersion version) {
        return setting.isKnownTo(version) && setting.defaultYieldsTo().stream().noneMatch(key -> given(config, key));
    }

    private static boolean given(EtcdConfig config, String key) {
        return Settings.byKey(key).map(config::isSet).orElse(false) || config.extraArgs().stream()
                .anyMatch(arg -> arg.replaceFirst("^--?", "").equals(key) || arg.replaceFirst("^--?", "")
                        .startsWith(key + "="));
    }

    private static <T> String rendered(EtcdConfig config, Setting<T> setting) {
        T value = config.get(setting);
        return value == null ? null : setting.render(value);
    }
}
