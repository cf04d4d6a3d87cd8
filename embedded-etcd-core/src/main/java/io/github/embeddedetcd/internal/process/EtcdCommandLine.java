/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.Setting;
import io.github.embeddedetcd.config.Settings;

import java.util.ArrayList;
import java.util.List;

/** The command that runs etcd for a config: the command prefix, the binary, then the config's flags. */
final class EtcdCommandLine {

    private EtcdCommandLine() {
    }

    /**
     * @param state {@code initial-cluster-state} to pass; {@link ClusterState#EXISTING} for a
     *              bootstrapped data dir, whatever the config says
     */
    static List<String> of(EtcdBinary binary, EtcdConfig config, ClusterState state) {
        requireKnownSettings(binary, config);
        List<String> command = new ArrayList<>(config.commandPrefix());
        command.add(binary.path().toString());
        command.addAll(config.etcdFlags(state, binary.version()));
        return List.copyOf(command);
    }

    /** A key this etcd does not know would stop it with "flag provided but not defined"; say which and why first. */
    private static void requireKnownSettings(EtcdBinary binary, EtcdConfig config) {
        for (Setting<?> setting : Settings.all()) {
            if (config.isSet(setting) && !setting.isKnownTo(binary.version())) {
                throw config.error(setting.key(), "etcd " + binary.version() + " (" + binary.path()
                        + ") does not know this key: it needs etcd " + setting.since().major() + "."
                        + setting.since().minor() + (setting.since().patch() == 0 ? "" : "." + setting.since().patch())
                        + setting.until().map(u -> " up to " + u.major() + "." + u.minor()
                        + " (not included)").orElse(" or later") + "; remove it, or run an etcd that knows it");
            }
        }
    }
}
