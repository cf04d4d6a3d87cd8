/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What jetcd-launcher's {@code withSsl(true)} promises tests, on local nodes. Its containers serve
 * {@code ssl/cert/<node>.pem} from the test classpath, and jetcd's tests trust
 * {@code ssl/cert/ca.pem} with their node's name as authority. Those certificates name no IP
 * address, which local nodes have, so the nodes get certificates of their own instead, issued by
 * that CA when its key ({@code ssl/cert/ca-key.pem}) is on the classpath too, naming the node and
 * its addresses. Arguments may name files at the container's paths; they are mapped to the node's.
 */
final class LauncherTls {

    private static final Logger LOG = LoggerFactory.getLogger(LauncherTls.class);
    private static final String CA_CERTIFICATE = "ssl/cert/ca.pem";
    private static final String CA_KEY = "ssl/cert/ca-key.pem";
    /** jetcd-launcher's container paths of the node's certificate and key. */
    private static final String CONTAINER_CERT = "/etc/ssl/etcd/server.pem";
    private static final String CONTAINER_KEY = "/etc/ssl/etcd/server-key.pem";

    private LauncherTls() {
    }

    /** The CA on the test classpath, else a new one. */
    static TestCertificates certificates(Path dir) {
        Optional<String> ca = resource(CA_CERTIFICATE);
        Optional<String> key = resource(CA_KEY);
        if (ca.isPresent() && key.isPresent()) {
            LOG.info("TLS certificates of the test cluster are issued by the CA of the test classpath ({})", CA_CERTIFICATE);
            try {
                return TestCertificates.withCa(dir, ca.get(), key.get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("The CA of the test classpath (" + CA_CERTIFICATE + ", " + CA_KEY
                        + ") cannot issue certificates: " + e.getMessage() + ". Fix or remove those files.", e);
            }
        }
        if (ca.isPresent()) {
            LOG.warn("The test classpath has {} but not its key {}: the test cluster's certificates come from a CA of its "
                    + "own, which clients trusting {} reject. Trust cluster().clientTls().caFile(), or add the key.",
                    CA_CERTIFICATE, CA_KEY, CA_CERTIFICATE);
        }
        return TestCertificates.createIn(dir);
    }

    /** The arguments with jetcd-launcher's container paths of the node's certificate and key replaced by its files. */
    static List<String> nodeArgs(List<String> args, TestCertificates.Issued node) {
        Map<String, String> paths = Map.of(CONTAINER_CERT, node.certFile().toString(),
                CONTAINER_KEY, node.keyFile().toString());
        return args.stream().map(arg -> {
            String mapped = arg;
            for (Map.Entry<String, String> path : paths.entrySet()) {
                mapped = mapped.replace(path.getKey(), path.getValue());
            }
            return mapped;
        }).toList();
    }

    private static Optional<String> resource(String name) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                ? Thread.currentThread().getContextClassLoader() : LauncherTls.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the classpath", e);
        }
    }
}
