/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.EmbeddedEtcd;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The member's health on Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
final class Boot3HealthIndicator implements HealthIndicator {

    private final EmbeddedEtcd etcd;

    Boot3HealthIndicator(EmbeddedEtcd etcd) {
        this.etcd = etcd;
    }

    @Override
    public Health health() {
        MemberHealth health = MemberHealth.of(etcd);
        return (health.up ? Health.up() : Health.down()).withDetails(health.details).build();
    }
}
