/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.spring.actuate.EmbeddedEtcdHealthAutoConfiguration;
import io.github.embeddedetcd.spring.actuate.EmbeddedEtcdMetricsAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;

/** Application contexts with the starter's auto-configuration and a member on fresh loopback ports. */
final class MemberContexts {

    private MemberContexts() {
    }

    /** A runner with the starter's auto-configuration and no properties. */
    static ApplicationContextRunner starter() {
        return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EmbeddedEtcdAutoConfiguration.class,
                EmbeddedEtcdHealthAutoConfiguration.class, EmbeddedEtcdMetricsAutoConfiguration.class));
    }

    /** A runner whose member is named so, keeps its data under dir, and runs with fast raft timings. */
    static ApplicationContextRunner member(String name, Path dir) {
        return starter()
                .withPropertyValues(
                        "embedded.etcd.name=" + name,
                        "embedded.etcd.data-dir=" + dir.resolve(name),
                        "embedded.etcd.listen-client-urls=http://127.0.0.1:" + FreePorts.next(),
                        "embedded.etcd.listen-peer-urls=http://127.0.0.1:" + FreePorts.next(),
                        "embedded.etcd.heartbeat-interval=10",
                        "embedded.etcd.election-timeout=100");
    }

    /**
     * The health indicator's status and details, through the methods Boot 3's and Boot 4's
     * {@code Health} share (the two lines have the type in different packages).
     */
    record HealthReport(String status, Map<String, Object> details) {

        @SuppressWarnings("unchecked")
        static HealthReport of(Object indicator) {
            try {
                Object health = healthMethod(indicator.getClass()).invoke(indicator);
                Object status = health.getClass().getMethod("getStatus").invoke(health);
                return new HealthReport(status.getClass().getMethod("getCode").invoke(status).toString(),
                        (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health));
            } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
                throw new AssertionError("not a health indicator: " + indicator, e);
            }
        }

        /** health() as the public HealthIndicator interface declares it (the indicators are package-private). */
        private static Method healthMethod(Class<?> type) throws NoSuchMethodException {
            for (Class<?> implemented : type.getInterfaces()) {
                if (implemented.getSimpleName().equals("HealthIndicator")) {
                    return implemented.getMethod("health");
                }
            }
            throw new NoSuchMethodException(type + " implements no HealthIndicator");
        }
    }
}
