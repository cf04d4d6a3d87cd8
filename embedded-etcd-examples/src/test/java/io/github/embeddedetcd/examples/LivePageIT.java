/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.examples.http.HttpSettings;
import io.github.embeddedetcd.examples.http.MembersHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The live page in headless Chromium: all members shown, a learner seen turning into a voter. */
class LivePageIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void showsTheMembersAndALearnerTurningIntoAVoter() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        try (EmbeddedEtcd leader = EmbeddedEtcd.builder().config(config("n1").build()).start();
             MembersHttpServer page = MembersHttpServer.start(leader, new HttpSettings("127.0.0.1", 0, false));
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
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");
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
