/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.EtcdConfig;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.examples.http.EventTimeline;
import io.github.embeddedetcd.examples.http.HttpSettings;
import io.github.embeddedetcd.examples.http.MembersHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page in headless Chromium: all members shown, a learner seen turning into a voter; an
 * armed alarm, the database against its quota, the last snapshot and the timeline (a screenshot
 * is kept in target/screenshots).
 */
class LivePageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final long SMALL_QUOTA = 2L * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void showsTheMembersAndALearnerTurningIntoAVoter() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        EventTimeline timeline = new EventTimeline();
        try (EmbeddedEtcd leader = EmbeddedEtcd.builder().config(config("n1").build()).listener(timeline).start();
             MembersHttpServer page = MembersHttpServer.start(leader, new HttpSettings("127.0.0.1", 0, false), timeline);
             EmbeddedEtcd learner = EmbeddedEtcd.builder().config(config("n2").build()).build()) {
            WebDriver browser = browser(dir);
            try {
                browser.get(page.url().toString());
                await().atMost(Duration.ofSeconds(10)).until(() -> role(browser, "n1").equals("leader"));

                learner.register(leader.clientEndpoints().toArray(URI[]::new));
                learner.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> role(browser, "n2").equals("learner"));

                leader.promote("n2");
                await().atMost(Duration.ofSeconds(10)).until(() -> role(browser, "n2").equals("voter"));
                assertThat(browser.findElement(By.id("events")).getText()).contains("n2 promoted to voter");
            } finally {
                browser.quit();
            }
        }
    }

    @Test
    void showsAlarmsTheDatabaseTheLastSnapshotAndATimeline() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        EventTimeline timeline = new EventTimeline();
        try (EmbeddedEtcd first = EmbeddedEtcd.builder().config(upkept("n1").build()).listener(timeline).start();
             MembersHttpServer page = MembersHttpServer.start(first, new HttpSettings("127.0.0.1", 0, false), timeline);
             EmbeddedEtcd second = EmbeddedEtcd.builder().config(upkept("n2").build()).build()) {
            second.join(first.clientEndpoints().toArray(URI[]::new));
            fillUntilNoSpace(first.client());
            WebDriver browser = browser(dir);
            try {
                browser.get(page.url().toString());
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(count(browser, "#alarms [data-alarm='NOSPACE']")).isEqualTo(1);
                    assertThat(count(browser, "tr[data-alarms='NOSPACE']")).isEqualTo(1);
                    assertThat(text(browser, "#database")).contains("of a 2.1 MB quota");
                    assertThat(text(browser, "#snapshot")).contains("revision");
                    for (String kind : List.of("leader", "added", "promoted", "alarm-raised")) {
                        assertThat(count(browser, "#timeline circle[data-kind='" + kind + "']")).as(kind).isPositive();
                    }
                });
                Path screenshots = Files.createDirectories(Path.of("target", "screenshots"));
                Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(),
                        screenshots.resolve("live-page-alarm-and-timeline.png"), StandardCopyOption.REPLACE_EXISTING);
            } finally {
                browser.quit();
            }
        }
    }

    /** Members with a 2 MiB quota that never compact, check every 200 ms, leave NOSPACE armed, and snapshot every second. */
    private EtcdConfig.Builder upkept(String name) {
        return config(name).autoPromote(true).set(Settings.QUOTA_BACKEND_BYTES, SMALL_QUOTA)
                .set(Settings.UPKEEP_INTERVAL, Duration.ofMillis(200)).set(Settings.CLEAR_NOSPACE, false)
                .setText("auto-compaction-retention", List.of("0"))
                .set(Settings.SNAPSHOT_INTERVAL, Duration.ofSeconds(1))
                // one directory for both: a follower takes the snapshots, the page shows the leader's view of them
                .set(Settings.SNAPSHOT_DIR, dir.resolve("snapshots"));
    }

    /** Overwrites one key with 64 KiB values until etcd refuses for NOSPACE (bounded: far more than the quota holds). */
    private static void fillUntilNoSpace(Client client) throws Exception {
        ByteSequence value = ByteSequence.from("x".repeat(64 * 1024), StandardCharsets.UTF_8);
        for (int i = 0; i < 200; i++) {
            try {
                client.getKVClient().put(ByteSequence.from("fill", StandardCharsets.UTF_8), value)
                        .get(10, TimeUnit.SECONDS);
            } catch (ExecutionException refused) {
                assertThat(refused).hasMessageContaining("database space exceeded");
                return;
            }
        }
        throw new AssertionError("200 puts of 64 KiB never filled a quota of " + SMALL_QUOTA + " bytes");
    }

    private static long count(WebDriver browser, String selector) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll(arguments[0]).length;", selector)).longValue();
    }

    private static String text(WebDriver browser, String selector) {
        return String.valueOf(((JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';", selector));
    }

    private EtcdConfig.Builder config(String name) {
        return EtcdConfig.builder().name(name).dataDir(dir.resolve(name))
                .clientUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .peerUrl(URI.create("http://127.0.0.1:" + FreePorts.next()))
                .heartbeatIntervalMillis(10).electionTimeoutMillis(100)
                .autoPromote(false);
    }

    /** Chromium puts its singleton socket under TMPDIR and leaves it there: give it the test's directory. */
    private static WebDriver browser(Path scratch) {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1400,1100");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort()
                .withEnvironment(Map.of("TMPDIR", scratch.toString())).build();
        return new ChromeDriver(service, options);
    }

    /** Read in one script call: the page re-renders its table twice a second, so found elements go stale. */
    private static String role(WebDriver browser, String name) {
        Object role = ((JavascriptExecutor) browser).executeScript(
                "const row = document.querySelector(\"tr[data-member-name='\" + arguments[0] + \"']\");"
                        + " return row ? row.dataset.role : '';", name);
        return String.valueOf(role);
    }
}
