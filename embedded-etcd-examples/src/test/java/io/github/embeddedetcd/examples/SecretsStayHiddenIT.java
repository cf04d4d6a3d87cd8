/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.etcd.jetcd.ByteSequence;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.Credentials;
import io.github.embeddedetcd.examples.http.HttpSettings;
import io.github.embeddedetcd.examples.http.MembersHttpServer;
import io.github.embeddedetcd.testkit.EtcdTestCluster;
import io.github.embeddedetcd.testkit.TestNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * After a run with TLS and authentication — membership changes, a wrong password, the CLI through
 * an https peer URL, the HTTP service over HTTPS — no password, private key or token appears in any
 * log line, exception message, toString(), /members answer or CLI output.
 */
class SecretsStayHiddenIT {

    /** etcd's simple tokens: 16 random letters, a dot, a raft index. */
    private static final Pattern TOKEN = Pattern.compile("\\b[A-Za-z]{16}\\.[0-9]+\\b");

    @TempDir
    Path dir;

    @Test
    void noSecretShowsAnywhere() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        List<String> seen = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        try (EtcdTestCluster cluster = EtcdTestCluster.builder().nodes(2).tls(true).auth(true).start()) {
            Credentials rootUser = cluster.credentials().orElseThrow();
            secrets.add(rootUser.password());
            cluster.client().getKVClient().put(ByteSequence.from("k", StandardCharsets.UTF_8),
                    ByteSequence.from("v", StandardCharsets.UTF_8)).get(5, TimeUnit.SECONDS);
            TestNode added = cluster.addNode();
            cluster.removeNode(added);
            EmbeddedEtcd member = cluster.node(0).member();
            seen.addAll(List.of(cluster.toString(), member.toString(), member.config().toString(), rootUser.toString(),
                    member.members().toString()));

            EtcdAdmin wrong = EtcdAdmin.builder().endpoints(cluster.clientEndpoints()).tls(cluster.clientTls())
                    .credentials(Credentials.of("root", "not-the-password")).build();
            seen.add(wrong.toString());
            assertThatThrownBy(() -> wrong.remove("node-1")).satisfies(e -> seen.add(e.toString()));
            secrets.add("not-the-password");

            ClientTls tls = cluster.clientTls();
            try (MembersHttpServer http = MembersHttpServer.start(member, new HttpSettings("127.0.0.1", 0, true))) {
                assertThat(http.url().getScheme()).isEqualTo("https");
                HttpClient https = HttpClient.newBuilder().sslContext(tls.sslContext()).build();
                for (String path : List.of("/members", "/health")) {
                    HttpResponse<String> page = https.send(HttpRequest.newBuilder(http.url().resolve(path))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(page.statusCode()).as(path + ": " + page.body()).isEqualTo(200);
                    seen.add(page.body());
                }
            }

            Path passwordFile = Files.writeString(dir.resolve("root.password"), rootUser.password());
            CliProcess.Result members = CliProcess.run(dir, "members", "--endpoints",   // a peer URL, as the walkthrough gives
                    cluster.peerEndpoints().get(0).toString(), "--cacert", tls.caFile().toString(), "--cert",
                    tls.certFile().toString(), "--key", tls.keyFile().toString(), "--user", "root", "--password-file",
                    passwordFile.toString());
            assertThat(members.exitCode()).as(members.stderr()).isZero();
            assertThat(members.stdout()).contains("node-0", "node-1");
            Path wrongFile = Files.writeString(dir.resolve("wrong.password"), "not-the-password");
            CliProcess.Result refused = CliProcess.run(dir, "remove", cluster.clientEndpoints().get(0).toString(),
                    "node-1", "--cacert", tls.caFile().toString(), "--cert", tls.certFile().toString(), "--key",
                    tls.keyFile().toString(), "--user", "root", "--password-file", wrongFile.toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.stderr()).contains("refused the password of user 'root'");
            seen.addAll(List.of(members.stdout(), members.stderr(), refused.stdout(), refused.stderr()));
            secrets.addAll(privateKeys(cluster.dataDir().resolve("tls")));
        } finally {
            root.detachAppender(logs);
        }
        logs.list.forEach(event -> {
            seen.add(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                seen.add(event.getThrowableProxy().getMessage());
            }
        });

        assertThat(seen).isNotEmpty().allSatisfy(text -> {
            assertThat(secrets).allSatisfy(secret -> assertThat(text).doesNotContain(secret));
            assertThat(TOKEN.matcher(String.valueOf(text)).find()).as("a token in: %s", text).isFalse();
        });
    }

    /** A line from the middle of each private key file. */
    private static List<String> privateKeys(Path tls) throws Exception {
        try (Stream<Path> files = Files.list(tls)) {
            List<String> lines = new ArrayList<>();
            for (Path key : files.filter(f -> f.toString().endsWith(".key")).toList()) {
                List<String> pem = Files.readAllLines(key);
                lines.add(pem.get(pem.size() / 2));
            }
            assertThat(lines).isNotEmpty();
            return lines;
        }
    }
}
