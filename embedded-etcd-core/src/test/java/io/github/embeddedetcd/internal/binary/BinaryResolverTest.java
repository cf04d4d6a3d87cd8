/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.binary;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdBinaryException;
import io.github.embeddedetcd.EtcdVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryResolverTest {

    @TempDir
    Path dir;

    @Test
    void nothingFoundNamesEveryPlaceLookedAndHowToInstall() {
        BinaryResolver resolver = new BinaryResolver(Map.of("PATH", dir.toString()));

        assertThatThrownBy(() -> resolver.resolve(null))
                .isInstanceOf(EtcdBinaryException.class)
                .hasMessageContaining("ETCD_BINARY: not set")
                .hasMessageContaining("PATH: no executable 'etcd' in " + dir)
                .hasMessageContaining("apt-get install etcd-server");
    }

    @Test
    void aMissingConfiguredBinaryIsNamed() {
        BinaryResolver resolver = new BinaryResolver(Map.of());

        assertThatThrownBy(() -> resolver.resolve(dir.resolve("etcd")))
                .hasMessageContaining("the configured path (embedded.binary): " + dir.resolve("etcd") + " does not exist");
    }

    @Test
    void findsEtcdBinaryFromTheEnvironmentBeforePath() throws IOException {
        Path fake = fakeEtcd("fake-etcd", "3.5.17");
        BinaryResolver resolver = new BinaryResolver(Map.of("ETCD_BINARY", fake.toString(), "PATH", "/usr/bin"));

        EtcdBinary binary = resolver.resolve(null);

        assertThat(binary.path()).isEqualTo(fake);
        assertThat(binary.version()).isEqualTo(new EtcdVersion(3, 5, 17));
        assertThat(binary.supportsUnsafeNoFsync()).isTrue();
    }

    @Test
    void findsEtcdOnPath() throws IOException {
        Path fake = fakeEtcd("etcd", "3.4.23");

        EtcdBinary binary = new BinaryResolver(Map.of("PATH", "/nonexistent:" + dir)).resolve(null);

        assertThat(binary.path()).isEqualTo(fake);
        assertThat(binary.supportsUnsafeNoFsync()).isFalse();
    }

    @Test
    void refusesEtcdOlderThan34() throws IOException {
        Path fake = fakeEtcd("old-etcd", "3.3.27");

        assertThatThrownBy(() -> new BinaryResolver(Map.of()).resolve(fake))
                .hasMessageContaining("is etcd 3.3.27, but embedded-etcd needs 3.4.0 or newer");
    }

    @Test
    void refusesAProgramThatIsNotEtcd() throws IOException {
        Path notEtcd = script("not-etcd", "echo hello");

        assertThatThrownBy(() -> new BinaryResolver(Map.of()).resolve(notEtcd))
                .hasMessageContaining("--version printed no etcd version (exit code 0, output: hello)");
    }

    /** Output is read while the program runs: one that prints more than a pipe holds does not hang the check. */
    @Test
    void aProgramThatPrintsALotBeforeItsVersionIsRead() throws IOException {
        Path chatty = script("chatty-etcd", "head -c 300000 /dev/zero | tr '\\0' 'x'; echo; echo 'etcd Version: 3.5.16'");

        assertThat(new BinaryResolver(Map.of()).resolve(chatty).version()).isEqualTo(new EtcdVersion(3, 5, 16));
    }

    @Test
    void refusesAFileThatIsNotExecutable() throws IOException {
        Path plain = Files.writeString(dir.resolve("etcd"), "text");

        assertThatThrownBy(() -> new BinaryResolver(Map.of()).resolve(plain))
                .hasMessageContaining(plain + " is not an executable file");
    }

    private Path fakeEtcd(String name, String version) throws IOException {
        return script(name, "echo 'etcd Version: " + version + "'; echo 'Git SHA: test'");
    }

    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
