/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public surface is deliberate: a public type outside the internal packages is added here on
 * purpose, and the modules built on the core (CLI, testkit, benchmarks) use nothing else.
 */
class PublicApiTest {

    private static final Set<String> PUBLIC_TYPES = Set.of(
            "io.github.embeddedetcd.AuthenticationException",
            "io.github.embeddedetcd.EmbeddedEtcd",
            "io.github.embeddedetcd.EmbeddedEtcdException",
            "io.github.embeddedetcd.EtcdAdmin",
            "io.github.embeddedetcd.EtcdBinary",
            "io.github.embeddedetcd.EtcdBinaryException",
            "io.github.embeddedetcd.EtcdStartException",
            "io.github.embeddedetcd.EtcdVersion",
            "io.github.embeddedetcd.FreePorts",
            "io.github.embeddedetcd.JoinRegistration",
            "io.github.embeddedetcd.JoinTimeoutException",
            "io.github.embeddedetcd.Member",
            "io.github.embeddedetcd.MemberNotFoundException",
            "io.github.embeddedetcd.MemberRemovedException",
            "io.github.embeddedetcd.MemberStatus",
            "io.github.embeddedetcd.MembershipListener",
            "io.github.embeddedetcd.QuorumRefusedException",
            "io.github.embeddedetcd.config.ClientTls",
            "io.github.embeddedetcd.config.ClusterState",
            "io.github.embeddedetcd.config.ConfigException",
            "io.github.embeddedetcd.config.ConfigFile",
            "io.github.embeddedetcd.config.Credentials",
            "io.github.embeddedetcd.config.EtcdConfig",
            "io.github.embeddedetcd.config.ForceNewCluster",
            "io.github.embeddedetcd.config.Setting",
            "io.github.embeddedetcd.config.Settings",
            "io.github.embeddedetcd.config.TransportSecurity",
            "io.github.embeddedetcd.config.TransportSecuritySettings",
            "io.github.embeddedetcd.recovery.Survivor",
            "io.github.embeddedetcd.snapshot.ScheduledSnapshots",
            "io.github.embeddedetcd.snapshot.Snapshot",
            "io.github.embeddedetcd.snapshot.SnapshotException",
            "io.github.embeddedetcd.upkeep.Alarm",
            "io.github.embeddedetcd.upkeep.Upkeep");

    @Test
    void thePublicTypesOutsideTheInternalPackagesAreExactlyTheApi() throws Exception {
        Path classes = Path.of(EmbeddedEtcd.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replace(".class", "");
                if (!name.contains(".internal.") && Modifier.isPublic(Class.forName(name).getModifiers())) {
                    found.add(name);
                }
            }
        }

        assertThat(found).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
    }

    @Test
    void theModulesBuiltOnTheCoreUseOnlyItsPublicApi() throws IOException, URISyntaxException {
        Path repository = Path.of(EmbeddedEtcd.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("../../..").normalize();
        List<Path> sources = List.of("embedded-etcd-testkit", "embedded-etcd-examples", "embedded-etcd-benchmarks")
                .stream().map(module -> repository.resolve(module).resolve("src/main/java")).toList();
        assertThat(sources).allMatch(Files::isDirectory);

        List<String> internalImports = new ArrayList<>();
        for (Path root : sources) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Files.readAllLines(file).stream().filter(line -> line.startsWith("import io.github.embeddedetcd.internal."))
                            .forEach(line -> internalImports.add(repository.relativize(file) + ": " + line));
                }
            }
        }
        assertThat(internalImports).isEmpty();
    }
}
