/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.binary;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdBinaryException;
import io.github.embeddedetcd.EtcdVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The binary of a binaries jar: found on the classpath, extracted once, checked, shared by JVMs. */
class BundledBinaryTest {

    private static final String PLATFORM = "test-platform";
    /** Padding makes the copy take a moment, so that JVMs extracting at once do overlap. */
    private static final int PADDING = 8 << 20;

    @TempDir
    Path dir;
    private Path classpath;
    private Path cache;
    private URLClassLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        classpath = Files.createDirectories(dir.resolve("classpath"));
        cache = dir.resolve("cache");
        loader = new URLClassLoader(new URL[] {classpath.toUri().toURL()}, null);
    }

    @AfterEach
    void closeLoader() throws IOException {
        loader.close();
    }

    @Test
    void etcdutlIsExtractedNextToEtcdOnlyWhenAskedFor() throws Exception {
        String sha256 = bundle("3.5.99");
        Path resources = classpath.resolve("io/github/embeddedetcd/binaries/" + PLATFORM);
        Path etcdutl = Files.writeString(resources.resolve("etcdutl"), "#!/bin/sh\necho 'etcdutl version: 3.5.99'\n");
        Files.writeString(resources.resolve("etcd.properties"), "etcdutl.sha256=" + sha256(etcdutl) + "\n",
                StandardOpenOption.APPEND);

        bundled().path();
        assertThat(cache.resolve(sha256).resolve("etcdutl")).doesNotExist();
        assertThat(bundled().tool("etcdutl")).contains(cache.resolve(sha256).resolve("etcdutl"));
        assertThat(Files.isExecutable(cache.resolve(sha256).resolve("etcdutl"))).isTrue();
        assertThat(bundled().tool("etcdctl")).as("a tool the jar does not hold").isEmpty();
    }

    @Test
    void isExtractedOnceIntoTheCacheUnderItsHashAndComesBeforePath() throws Exception {
        String sha256 = bundle("3.5.99");
        Path onPath = fakeEtcd(dir.resolve("bin"), "3.4.23");

        EtcdBinary binary = new BinaryResolver(Map.of("PATH", onPath.getParent().toString()), bundled()).resolve(null);

        Path extracted = cache.resolve(sha256).resolve("etcd");
        assertThat(binary.path()).isEqualTo(extracted);
        assertThat(binary.version()).isEqualTo(new EtcdVersion(3, 5, 99));
        assertThat(Files.isExecutable(extracted)).isTrue();
        long modified = Files.getLastModifiedTime(extracted).toMillis();
        assertThat(bundled().path()).contains(extracted);
        assertThat(Files.getLastModifiedTime(extracted).toMillis()).isEqualTo(modified);
    }

    @Test
    void etcdBinaryStillComesFirst() throws Exception {
        bundle("3.5.99");
        Path configured = fakeEtcd(dir.resolve("own"), "3.5.1");

        EtcdBinary binary = new BinaryResolver(Map.of("ETCD_BINARY", configured.toString()), bundled()).resolve(null);

        assertThat(binary.path()).isEqualTo(configured);
    }

    @Test
    void aDamagedCachedBinaryIsExtractedAgain() throws Exception {
        bundle("3.5.99");
        Path extracted = bundled().path().orElseThrow();
        byte[] original = Files.readAllBytes(extracted);

        Files.writeString(extracted, "#!/bin/sh\necho damaged\n");

        assertThat(bundled().path()).contains(extracted);
        assertThat(Files.readAllBytes(extracted)).isEqualTo(original);
    }

    @Test
    void aJarWhoseBinaryDoesNotMatchItsHashIsRefusedAndLeavesNothing() throws Exception {
        bundle("3.5.99");
        Path binary = classpath.resolve("io/github/embeddedetcd/binaries/" + PLATFORM + "/etcd");
        Files.writeString(binary, "#!/bin/sh\necho tampered\n");

        assertThatThrownBy(() -> bundled().path()).isInstanceOf(EtcdBinaryException.class)
                .hasMessageContaining("but its etcd.properties says")
                .hasMessageContaining("the jar is damaged")
                .hasMessageContaining("io.github.embeddedetcd:embedded-etcd-binaries-" + PLATFORM);
        try (Stream<Path> files = Files.walk(cache)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::getFileName).map(Path::toString))
                    .allMatch(name -> name.endsWith(".lock"));
        }
    }

    /** As on a system whose glibc is older than the one Debian sid builds against. */
    @Test
    void aBundledBinaryThatCannotRunHereIsPassedOverForPath() throws Exception {
        bundle("3.5.99");
        Path binary = classpath.resolve("io/github/embeddedetcd/binaries/" + PLATFORM + "/etcd");
        Files.writeString(binary, "#!/bin/sh\necho \"etcd: version 'GLIBC_2.34' not found\" >&2\nexit 1\n");
        Files.writeString(binary.resolveSibling("etcd.properties"), "binary.sha256=" + sha256(binary) + "\n");
        Path onPath = fakeEtcd(dir.resolve("bin"), "3.4.23");

        assertThat(new BinaryResolver(Map.of("PATH", onPath.getParent().toString()), bundled()).resolve(null).path())
                .isEqualTo(onPath);
        assertThatThrownBy(() -> new BinaryResolver(Map.of("PATH", dir.toString()), bundled()).resolve(null))
                .hasMessageContaining("classpath: the binary of the io.github.embeddedetcd:embedded-etcd-binaries-"
                        + PLATFORM + " jar cannot be used here")
                .hasMessageContaining("printed no etcd version (exit code 1");
    }

    @Test
    void withoutAJarTheErrorNamesTheArtifact() {
        assertThatThrownBy(() -> new BinaryResolver(Map.of("PATH", dir.toString()), bundled()).resolve(null))
                .hasMessageContaining("classpath: no io.github.embeddedetcd:embedded-etcd-binaries-" + PLATFORM + " jar")
                .hasMessageContaining("Add the binaries artifact of this platform");
    }

    @Test
    void jvmsExtractingAtOnceAllGetTheSameWholeBinary() throws Exception {
        String sha256 = bundle("3.5.99");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> jvms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            jvms.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ExtractInAnotherJvm.class.getName(), classpath.toString(), cache.toString(), PLATFORM)
                    .redirectErrorStream(true).start());
        }
        Path expected = cache.resolve(sha256).resolve("etcd");
        int extractions = 0;
        for (Process jvm : jvms) {
            assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jvm.exitValue()).as(output).isZero();
            assertThat(output.lines().reduce((first, last) -> last)).contains(expected.toString());
            extractions += (int) output.lines().filter(line -> line.contains("Extracted the etcd binary")).count();
        }
        assertThat(extractions).isEqualTo(1);
        assertThat(sha256(expected)).isEqualTo(sha256);
        try (Stream<Path> files = Files.list(expected.getParent())) {
            assertThat(files).containsExactly(expected);
        }
    }

    private BundledBinary bundled() {
        return new BundledBinary(loader, cache, PLATFORM);
    }

    /** A binaries jar's resources: a fake etcd and its etcd.properties. Returns the binary's SHA-256. */
    private String bundle(String version) throws Exception {
        Path resources = Files.createDirectories(classpath.resolve("io/github/embeddedetcd/binaries/" + PLATFORM));
        Path binary = fakeEtcd(resources, version);
        Files.writeString(binary, "#" + "x".repeat(PADDING) + "\n", StandardOpenOption.APPEND);
        String sha256 = sha256(binary);
        Files.writeString(resources.resolve("etcd.properties"), "platform=" + PLATFORM + "\netcd.version=" + version
                + "\nbinary.sha256=" + sha256 + "\n");
        return sha256;
    }

    private static Path fakeEtcd(Path directory, String version) throws IOException {
        Path file = Files.createDirectories(directory).resolve("etcd");
        Files.writeString(file, "#!/bin/sh\necho 'etcd Version: " + version + "'\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
