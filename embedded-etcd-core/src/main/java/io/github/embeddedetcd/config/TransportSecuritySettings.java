/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of one of etcd's {@code client-transport-security} / {@code peer-transport-security}
 * sections, which {@link TransportSecurity} holds together.
 */
public record TransportSecuritySettings(String section, Setting<Path> certFile, Setting<Path> keyFile,
                                        Setting<Boolean> clientCertAuth, Setting<Path> trustedCaFile,
                                        Setting<Boolean> autoTls) {

    /** The five settings, in documentation order. */
    public List<Setting<?>> all() {
        return List.of(certFile, keyFile, clientCertAuth, trustedCaFile, autoTls);
    }
}
