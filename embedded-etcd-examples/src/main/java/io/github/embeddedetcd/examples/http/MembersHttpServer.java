/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.EmbeddedEtcdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The member's HTTP face: {@code GET /members} (JSON), {@code GET /cluster} (alarms, database
 * against quota, newest snapshot, recent events as JSON), {@code GET /health} (200 or 503) and
 * {@code GET /}, a self-contained live page, over HTTP or, with {@code embedded.http-tls}, HTTPS
 * with the member's own certificate. Never fails the member: when etcd cannot answer, the
 * endpoints answer 503 with a JSON error.
 */
public final class MembersHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MembersHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE = "live-page.html";

    private final EmbeddedEtcd etcd;
    private final EventTimeline timeline;
    private final HttpServer server;
    private final ExecutorService workers;

    private MembersHttpServer(EmbeddedEtcd etcd, EventTimeline timeline, HttpServer server, ExecutorService workers) {
        this.etcd = etcd;
        this.timeline = timeline;
        this.server = server;
        this.workers = workers;
    }

    /**
     * Serves the member's pages at this address, with a timeline of the events from now on.
     *
     * @throws EmbeddedEtcdException when the address is taken
     */
    public static MembersHttpServer start(EmbeddedEtcd etcd, HttpSettings settings) {
        return start(etcd, settings, new EventTimeline());
    }

    /**
     * Serves the member's pages at this address.
     *
     * @param timeline a listener of the member since it was built: the live page draws its events
     * @throws EmbeddedEtcdException when the address is taken
     */
    public static MembersHttpServer start(EmbeddedEtcd etcd, HttpSettings settings, EventTimeline timeline) {
        String host = settings.host();
        int port = settings.port();
        SSLContext tls = settings.https() ? MemberCertificate.serverContext(etcd.config()) : null;
        HttpServer server;
        try {
            server = tls == null ? HttpServer.create(new InetSocketAddress(host, port), 16)
                    : httpsServer(new InetSocketAddress(host, port), tls);
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot serve HTTP on " + host + ":" + port + " (embedded.http-host/"
                    + "embedded.http-port): " + e.getMessage() + ". Stop whatever uses it, or set another embedded.http-port.", e);
        }
        ExecutorService workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "embedded-etcd-http-" + etcd.name());
            t.setDaemon(true);
            return t;
        });
        MembersHttpServer http = new MembersHttpServer(etcd, timeline, server, workers);
        server.createContext("/members", http::members);
        server.createContext("/cluster", http::cluster);
        server.createContext("/health", http::health);
        server.createContext("/", http::page);
        server.setExecutor(workers);
        server.start();
        LOG.info("Member '{}' serves {} (live page), /members, /cluster and /health", etcd.name(), http.url());
        return http;
    }

    private static HttpsServer httpsServer(InetSocketAddress address, SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(address, 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return server;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:3000/} ({@code https://} when serving HTTPS). */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://" + address.getHostString() + ":" + address.getPort() + "/");
    }

    private void members(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isRead(exchange)) {
                return;
            }
            try {
                send(exchange, 200, MemberView.of(etcd.members(), etcd.upkeep().alarms()));
            } catch (EmbeddedEtcdException | IllegalStateException e) {
                send(exchange, 503, Map.of("error", "etcd member '" + etcd.name() + "' cannot list members: " + e.getMessage()));
            }
        }
    }

    private void cluster(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (isRead(exchange)) {
                send(exchange, 200, ClusterView.of(etcd, timeline));
            }
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isRead(exchange)) {
                return;
            }
            boolean healthy = etcd.isHealthy();
            send(exchange, healthy ? 200 : 503, Map.of("health", Boolean.toString(healthy), "member", etcd.name()));
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!isRead(exchange)) {
                return;
            }
            if (!exchange.getRequestURI().getPath().equals("/")) {
                send(exchange, 404, Map.of("error", "no such page; try /, /members, /cluster or /health"));
                return;
            }
            byte[] body;
            try (InputStream in = MembersHttpServer.class.getResourceAsStream(PAGE)) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            write(exchange, 200, body);
        }
    }

    /** Only GET and HEAD read these pages; anything else gets 405 with the methods allowed. */
    private static boolean isRead(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (method.equals("GET") || method.equals("HEAD")) {
            return true;
        }
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, 405, Map.of("error", method + " is not supported here; use GET (or HEAD)"));
        return false;
    }

    private static void send(HttpExchange exchange, int status, Object json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        write(exchange, status, JSON.writeValueAsBytes(json));
    }

    /** A HEAD request gets the headers a GET would, without the body. */
    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
