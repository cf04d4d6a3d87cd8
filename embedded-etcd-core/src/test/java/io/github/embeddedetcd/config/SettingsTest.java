/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The table of settings against the etcd it runs, and what a setting becomes on etcd's command line. */
class SettingsTest {

    @Test
    void everyFlagTheTableGivesThisEtcdIsOneItKnows() throws IOException, InterruptedException {
        EtcdBinary etcd = EtcdBinary.locate();
        Set<String> known = flagsOf(etcd);

        List<String> flags = Settings.all().stream().filter(s -> s.isKnownTo(etcd.version()))
                .flatMap(s -> s.etcdFlag().stream()).toList();

        assertThat(flags).hasSizeGreaterThan(40);
        assertThat(known).as("flags of etcd %s", etcd.version()).containsAll(flags);
    }

    @Test
    void aKeyTheLibraryDoesNotInterpretIsPassedOnAsGiven() {
        EtcdConfig config = EtcdConfig.builder().name("n1")
                .setText("auto-compaction-retention", List.of("30m"))
                .setText("listen-metrics-urls", List.of("http://127.0.0.1:2381", "http://127.0.0.2:2381"))
                .build();

        assertThat(config.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM)).contains("--auto-compaction-retention=30m",
                "--listen-metrics-urls=http://127.0.0.1:2381,http://127.0.0.2:2381");
    }

    @Test
    void compactionAndCorruptionChecksAreOnByDefaultWhereTheEtcdHasThem() {
        EtcdConfig config = EtcdConfig.builder().name("n1").build();

        assertThat(config.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM)).contains("--auto-compaction-mode=periodic",
                "--auto-compaction-retention=1h", "--experimental-corrupt-check-time=1h")
                .noneMatch(flag -> flag.startsWith("--experimental-compact-hash-check-enabled"));
        assertThat(config.etcdFlags(ClusterState.NEW, new EtcdVersion(3, 5, 16)))
                .contains("--experimental-compact-hash-check-enabled=true");
    }

    @Test
    void aCompactionKeyTheUserGivesKeepsTheLibrarysDefaultsOfBothOut() {
        EtcdConfig given = EtcdConfig.builder().name("n1").setText("auto-compaction-retention", List.of("1000"))
                .setText("auto-compaction-mode", List.of("revision")).build();
        EtcdConfig retentionOnly = EtcdConfig.builder().name("n1").setText("auto-compaction-retention", List.of("0"))
                .build();
        EtcdConfig asExtraArg = EtcdConfig.builder().name("n1").extraArgs(List.of("--auto-compaction-mode=revision"))
                .build();

        assertThat(given.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM)).contains("--auto-compaction-mode=revision",
                "--auto-compaction-retention=1000");
        assertThat(retentionOnly.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM))
                .contains("--auto-compaction-retention=0").noneMatch(f -> f.startsWith("--auto-compaction-mode"));
        assertThat(asExtraArg.etcdFlags(ClusterState.NEW, EtcdVersion.MINIMUM))
                .containsOnlyOnce("--auto-compaction-mode=revision")
                .noneMatch(f -> f.startsWith("--auto-compaction-retention"));
    }

    @Test
    void aTypedSettingIsCheckedAsTheConfigFilesValueWouldBe() {
        assertThatThrownBy(() -> EtcdConfig.builder().set(Settings.SNAPSHOT_COUNT, 0L))
                .isInstanceOf(ConfigException.class)
                .hasMessage("'snapshot-count': expects a number from 1 to 9223372036854775807, got 0");
        assertThatThrownBy(() -> EtcdConfig.builder().setText("embedded.start-timeout", List.of("soon")))
                .hasMessage("'embedded.start-timeout': expects a duration such as 500ms, 30s, 2m or 1h, got 'soon'");
        assertThatThrownBy(() -> EtcdConfig.builder().setText("snapshot-cout", List.of("5")))
                .hasMessageStartingWith("'snapshot-cout': unknown key; did you mean 'snapshot-count'?");
    }

    @Test
    void aSettingSetInCodeIsReadBackWithItsDefaultsAround() {
        EtcdConfig config = EtcdConfig.builder().name("n1").set(Settings.JOIN_TIMEOUT, java.time.Duration.ofSeconds(7))
                .build();

        assertThat(config.get(Settings.JOIN_TIMEOUT)).hasSeconds(7);
        assertThat(config.get(Settings.START_TIMEOUT)).isEqualTo(Settings.START_TIMEOUT.defaultValue().orElseThrow());
        assertThat(config.get(Settings.SNAPSHOT_COUNT)).isNull();
        assertThat(config.isSet(Settings.JOIN_TIMEOUT)).isTrue();
        assertThat(config.isSet(Settings.START_TIMEOUT)).isFalse();
    }

    @Test
    void everyKeyIsDeclaredOnceWithADescription() {
        List<String> keys = Settings.all().stream().map(Setting::key).toList();

        assertThat(keys).doesNotHaveDuplicates();
        assertThat(Settings.all()).allSatisfy(s -> assertThat(s.description()).endsWith(".").hasSizeGreaterThan(10));
        assertThat(keys).allSatisfy(k -> assertThat(Settings.byKey(k)).isPresent());
    }

    private static Set<String> flagsOf(EtcdBinary etcd) throws IOException, InterruptedException {
        Process help = new ProcessBuilder(etcd.path().toString(), "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(30, TimeUnit.SECONDS)).as("etcd --help exits").isTrue();
        Matcher flag = Pattern.compile("(?m)^\\s+--([a-z0-9-]+)").matcher(text);
        return flag.results().map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
