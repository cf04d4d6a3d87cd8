/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Forwards etcd's output to SLF4J, one logger per member ({@code io.github.embeddedetcd.etcd.<name>}),
 * mapping zap's levels, and keeps the last lines for error messages.
 */
public final class EtcdOutput {

    /** Prefix of the per-member logger names. */
    public static final String LOGGER_PREFIX = "io.github.embeddedetcd.etcd.";

    private static final int KEPT_LINES = 40;
    /** How etcd 3.4 and 3.5 announce that the client listener serves (logged once the server is ready). */
    private static final String SERVING_CLIENTS = "serving client traffic";
    private static final String ZAP_LEVEL_PREFIX = "{\"level\":\"";
    private static final Pattern GRPC_LOG = Pattern.compile("(INFO|WARNING|ERROR): \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d (.*)");
    private static final Pattern CAPNSLOG = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ ([DINWEC]) \\| (.*)");

    private final Logger log;
    private final Deque<String> recent = new ArrayDeque<>();
    private final List<Consumer<String>> messageWatchers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final CountDownLatch servingClients = new CountDownLatch(1);

    public EtcdOutput(String memberName) {
        this.log = LoggerFactory.getLogger(LOGGER_PREFIX + memberName);
    }

    /** Reads the stream to its end on a daemon thread; {@link #finished()} completes at its end. */
    public void pump(InputStream stream, String threadName) {
        Thread thread = new Thread(() -> {
            readAll(stream);
            finished.complete(null);
        }, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Calls the watcher with each line from now on, as etcd printed it, on the output thread; keep it short. */
    public void watch(Consumer<String> watcher) {
        messageWatchers.add(watcher);
    }

    /** Completes when etcd's output has been read to its end. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /** Whether etcd has logged that it serves clients: the moment to ask {@code /health}. */
    public boolean isServingClients() {
        return servingClients.getCount() == 0;
    }

    /** Waits (bounded) until etcd logs that it serves clients; true if it has. */
    public boolean awaitServingClients(long timeout, TimeUnit unit) throws InterruptedException {
        return servingClients.await(timeout, unit);
    }

    /** The last lines etcd printed, condensed, oldest first. */
    public List<String> recentLines() {
        List<String> lines;
        synchronized (recent) {
            lines = List.copyOf(recent);
        }
        return lines.stream().map(line -> LogLine.parse(line).condensed()).toList();
    }

    private void readAll(InputStream stream) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                accept(line);
            }
        } catch (IOException e) {
            log.debug("etcd output closed: {}", e.toString());
        }
    }

    void accept(String line) {
        if (line.isBlank()) {
            return;
        }
        synchronized (recent) {
            if (recent.size() == KEPT_LINES) {
                recent.removeFirst();
            }
            recent.addLast(line);
        }
        Level level = LogLine.levelOf(line);
        if (level == null || log.isEnabledForLevel(level)) {
            LogLine parsed = LogLine.parse(line);
            log.atLevel(parsed.level()).log(parsed.text());
        }
        if (line.contains(SERVING_CLIENTS)) {
            servingClients.countDown();
        }
        for (Consumer<String> watcher : messageWatchers) {
            try {
                watcher.accept(line);
            } catch (RuntimeException e) {
                log.warn("A watcher of etcd's output failed; reading goes on", e);
            }
        }
    }

    /** One line of etcd output: zap JSON when it parses, plain text otherwise. */
    record LogLine(Level level, String message, String fields) {

        /**
         * The level of a zap line, read from its start without parsing it ({@code {"level":"info",...}});
         * null for other lines. A line is parsed only when its logger prints that level.
         */
        static Level levelOf(String line) {
            if (!line.startsWith(ZAP_LEVEL_PREFIX)) {
                return null;
            }
            int end = line.indexOf('"', ZAP_LEVEL_PREFIX.length());
            return end < 0 ? null : level(line.substring(ZAP_LEVEL_PREFIX.length(), end));
        }

        static LogLine parse(String line) {
            if (line.startsWith("{")) {
                try {
                    JsonNode node = Json.parse(line);
                    if (node.isObject() && node.has("msg")) {
                        return fromZap(node);
                    }
                } catch (IOException notJson) {
                    // fall through: printed as plain text
                }
            }
            Matcher capnslog = CAPNSLOG.matcher(line);
            if (capnslog.matches()) {
                return new LogLine(capnslogLevel(capnslog.group(1).charAt(0)), capnslog.group(2).strip(), "");
            }
            Matcher grpc = GRPC_LOG.matcher(line);
            if (grpc.matches()) {
                return new LogLine(grpcLevel(grpc.group(1)), grpc.group(2).strip(), "");
            }
            return new LogLine(Level.WARN, line.strip(), "");
        }

        /**
         * gRPC's own log lines inside etcd (e.g. its gateway reconnecting during shutdown) are
         * internals: one level lower than gRPC says.
         */
        private static Level grpcLevel(String level) {
            return switch (level) {
                case "INFO" -> Level.DEBUG;
                case "WARNING" -> Level.INFO;
                default -> Level.WARN;
            };
        }

        /** etcd 3.4 prints its first lines in capnslog format, before the zap logger is set up. */
        private static Level capnslogLevel(char level) {
            return switch (level) {
                case 'D' -> Level.DEBUG;
                case 'I', 'N' -> Level.INFO;
                case 'W' -> Level.WARN;
                default -> Level.ERROR;
            };
        }

        private static LogLine fromZap(JsonNode node) {
            StringBuilder fields = new StringBuilder();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> field = it.next();
                String key = field.getKey();
                if (!key.equals("level") && !key.equals("ts") && !key.equals("msg") && !key.equals("caller")) {
                    fields.append(fields.length() == 0 ? "" : ", ").append(key).append('=')
                            .append(field.getValue().isTextual() ? field.getValue().asText() : Json.write(field.getValue()));
                }
            }
            String message = node.get("msg").asText();
            Level level = isOurStateDir(message, node) ? Level.DEBUG : level(node.path("level").asText());
            return new LogLine(level, message, fields.toString());
        }

        /** etcd warns about every unknown entry in its data dir, including the library's own state dir. */
        private static boolean isOurStateDir(String message, JsonNode node) {
            if (!message.startsWith("found invalid file")) {
                return false;
            }
            for (JsonNode value : node) {
                String text = value.asText();
                if (text.equals(DataDir.DIR_NAME) || text.endsWith("/" + DataDir.DIR_NAME)) {
                    return true;
                }
            }
            return false;
        }

        private static Level level(String zapLevel) {
            return switch (zapLevel) {
                case "debug" -> Level.DEBUG;
                case "info" -> Level.INFO;
                case "warn" -> Level.WARN;
                default -> Level.ERROR;
            };
        }

        String text() {
            return fields.isEmpty() ? message : message + " {" + fields + "}";
        }

        String condensed() {
            return level + " " + text();
        }
    }
}
