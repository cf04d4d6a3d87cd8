/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.assertj.core.api.Assertions.assertThat;

class EtcdOutputTest {

    @Test
    void zapLinesKeepTheirLevelMessageAndFields() {
        EtcdOutput.LogLine line = EtcdOutput.LogLine.parse("{\"level\":\"warn\",\"ts\":\"2026-11-24T04:43:02Z\","
                + "\"caller\":\"etcdserver/server.go:1\",\"msg\":\"server error\",\"error\":\"disk full\",\"attempt\":2}");

        assertThat(line.level()).isEqualTo(Level.WARN);
        assertThat(line.text()).isEqualTo("server error {error=disk full, attempt=2}");
    }

    @Test
    void capnslogLinesFromEtcd34sFirstMomentsAreMapped() {
        EtcdOutput.LogLine line = EtcdOutput.LogLine.parse(
                "2026-11-24 04:36:56.984708 W | pkg/fileutil: check file permission");

        assertThat(line.level()).isEqualTo(Level.WARN);
        assertThat(line.text()).isEqualTo("pkg/fileutil: check file permission");
    }

    @Test
    void grpcInternalsAreOneLevelLower() {
        EtcdOutput.LogLine line = EtcdOutput.LogLine.parse(
                "WARNING: 2026/11/24 04:38:17 [core] grpc: addrConn.createTransport failed to connect");

        assertThat(line.level()).isEqualTo(Level.INFO);
    }

    @Test
    void theWarningAboutTheLibrarysOwnStateDirIsQuiet() {
        EtcdOutput.LogLine line = EtcdOutput.LogLine.parse("{\"level\":\"warn\",\"msg\":\"found invalid file under "
                + "data directory\",\"filename\":\"embedded-etcd\",\"data-dir\":\"/tmp/d\"}");

        assertThat(line.level()).isEqualTo(Level.DEBUG);
    }

    @Test
    void plainLinesAreWarnings() {
        assertThat(EtcdOutput.LogLine.parse("flag provided but not defined: -x").level()).isEqualTo(Level.WARN);
    }

    @Test
    void keepsTheLastLinesForErrorMessages() {
        EtcdOutput output = new EtcdOutput("unit");
        for (int i = 0; i < 50; i++) {
            output.accept("line " + i);
        }

        assertThat(output.recentLines()).hasSize(40).first().isEqualTo("WARN line 10");
    }

    @Test
    void signalsWhenEtcdServesClients() {
        EtcdOutput output = new EtcdOutput("unit");
        output.accept("{\"level\":\"info\",\"msg\":\"serving peer traffic\",\"address\":\"127.0.0.1:2380\"}");
        assertThat(output.isServingClients()).isFalse();

        output.accept("{\"level\":\"info\",\"msg\":\"serving client traffic insecurely; this is strongly discouraged!\","
                + "\"address\":\"127.0.0.1:2379\"}");

        assertThat(output.isServingClients()).isTrue();
    }

    @Test
    void theLevelOfAZapLineIsReadWithoutParsingIt() {
        assertThat(EtcdOutput.LogLine.levelOf("{\"level\":\"warn\",\"msg\":\"x\"}")).isEqualTo(Level.WARN);
        assertThat(EtcdOutput.LogLine.levelOf("{\"level\":\"debug\",\"msg\":\"x\"}")).isEqualTo(Level.DEBUG);
        assertThat(EtcdOutput.LogLine.levelOf("2026-11-24 04:36:56.984708 W | pkg/fileutil: x")).isNull();
    }

    @Test
    void watchersSeeEveryLineAsPrintedWhateverTheLogLevel() {
        EtcdOutput output = new EtcdOutput("unit");
        java.util.List<String> seen = new java.util.ArrayList<>();
        output.watch(seen::add);
        String line = "{\"level\":\"debug\",\"msg\":\"raft.node: a elected leader b at term 2\"}";

        output.accept(line);

        assertThat(seen).containsExactly(line);
        assertThat(output.recentLines()).containsExactly("DEBUG raft.node: a elected leader b at term 2");
    }

    @Test
    void healthIsPolledFromTheStartWhenEtcdWillNotSayItServes() {
        io.github.embeddedetcd.config.EtcdConfig.Builder config = io.github.embeddedetcd.config.EtcdConfig.builder()
                .name("n").dataDir(java.nio.file.Path.of("/tmp/n"));

        assertThat(EtcdProcess.logsServingClients(config.build())).isTrue();
        assertThat(EtcdProcess.logsServingClients(config.logLevel("info").build())).isTrue();
        assertThat(EtcdProcess.logsServingClients(config.logLevel("warn").build())).isFalse();
        assertThat(EtcdProcess.logsServingClients(config.logLevel("error").build())).isFalse();
    }
}
