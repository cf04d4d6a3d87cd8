/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.EmbeddedEtcd;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The member's health on Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
final class Boot4HealthIndicator implements HealthIndicator {

    private final EmbeddedEtcd etcd;

    Boot4HealthIndicator(EmbeddedEtcd etcd) {
        this.etcd = etcd;
    }

    @Override
    public Health health() {
        MemberHealth health = MemberHealth.of(etcd);
        return (health.up ? Health.up() : Health.down()).withDetails(health.details).build();
    }
}
