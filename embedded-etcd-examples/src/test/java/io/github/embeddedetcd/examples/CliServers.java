/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.github.embeddedetcd.EtcdAdmin;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CLI processes a test starts ({@code server} and the like), each with its output in a file next
 * to the config; stopped with SIGTERM after each test, SIGKILL after 20 s:
 * {@code @RegisterExtension final CliServers servers = new CliServers();}.
 */
final class CliServers implements AfterEachCallback {

    /** The deadline of one etcd call from a test. */
    static final Duration CALL = Duration.ofSeconds(10);
    private static final Duration STOP = Duration.ofSeconds(20);
    /** A CLI JVM that starts its member, or a join that waits out etcd's 5 s rule (twice at worst), on a loaded machine. */
    private static final Duration SETTLES = Duration.ofSeconds(60);

    private final List<Process> started = new ArrayList<>();

    /** Starts {@code etcd-embedded COMMAND OPTIONS... CONFIG}, its output in {@code <config>.<command>.out}. */
    Process start(String command, Path config, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(List.of(options));
        args.add(config.toString());
        Path output = config.resolveSibling(config.getFileName() + "." + command + "-" + started.size() + ".out");
        Process process = CliProcess.builder(args.toArray(String[]::new)).redirectOutput(output.toFile())
                .redirectErrorStream(true).start();
        started.add(process);
        return process;
    }

    /** SIGTERM, and the wait for the process to end. */
    static boolean stop(Process process) throws InterruptedException {
        process.destroy();
        return process.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the member at this URL answers healthy; returns an admin for it. */
    static EtcdAdmin awaitHealthy(URI url) {
        EtcdAdmin admin = EtcdAdmin.connect(url);
        await().atMost(SETTLES).pollInterval(Duration.ofMillis(200)).until(() -> admin.isHealthy(url));
        return admin;
    }

    /** A client of the member at this URL, once it answers healthy. */
    static Client awaitClient(URI url) {
        return awaitHealthy(url).newClient();
    }

    /** Waits until the member at this URL lists {@code count} voters (a join waits out etcd's 5 s reconfiguration rule). */
    static void awaitVoters(URI url, int count) {
        EtcdAdmin admin = EtcdAdmin.connect(url);
        await().atMost(SETTLES).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(admin.members()).filteredOn(m -> !m.learner()).hasSize(count));
    }

    /** Writes keys k0, k1, ... with values v0, v1, ..., each acknowledged. */
    static void writeKeys(Client client, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            client.getKVClient().put(bytes("k" + i), bytes("v" + i)).get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Waits until the member at this URL holds {@code count} keys under "k" in its own copy (a serializable read). */
    static void awaitKeys(URI member, int count) {
        try (Client client = awaitClient(member)) {
            GetOption localPrefix = GetOption.builder().isPrefix(true).withSerializable(true).build();
            await().atMost(CALL).untilAsserted(() -> assertThat(client.getKVClient().get(bytes("k"), localPrefix)
                    .get(CALL.toMillis(), TimeUnit.MILLISECONDS).getKvs()).hasSize(count));
        }
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        for (Process process : started) {
            if (!stop(process)) {
                process.destroyForcibly();
            }
        }
        started.clear();
    }
}
