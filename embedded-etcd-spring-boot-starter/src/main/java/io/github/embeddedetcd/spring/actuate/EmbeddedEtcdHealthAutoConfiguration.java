/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.spring.EmbeddedEtcdAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The member's health indicator ({@code embeddedEtcd} in {@code /actuator/health}) when Spring
 * Boot's health support is on the classpath: Boot 3's or Boot 4's, whichever the application has.
 * {@code management.health.embedded-etcd.enabled=false} leaves it out.
 */
@AutoConfiguration(after = EmbeddedEtcdAutoConfiguration.class)
@ConditionalOnSingleCandidate(EmbeddedEtcd.class)
@ConditionalOnProperty(prefix = "management.health.embedded-etcd", name = "enabled", matchIfMissing = true)
public class EmbeddedEtcdHealthAutoConfiguration {

    /** The bean name, which makes the indicator's key in the health endpoint {@code embeddedEtcd}. */
    public static final String BEAN_NAME = "embeddedEtcdHealthIndicator";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Boot3 {

        @Bean(BEAN_NAME)
        @ConditionalOnMissingBean(name = BEAN_NAME)
        Boot3HealthIndicator embeddedEtcdHealthIndicator(EmbeddedEtcd embeddedEtcd) {
            return new Boot3HealthIndicator(embeddedEtcd);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Boot4 {

        @Bean(BEAN_NAME)
        @ConditionalOnMissingBean(name = BEAN_NAME)
        Boot4HealthIndicator embeddedEtcdHealthIndicator(EmbeddedEtcd embeddedEtcd) {
            return new Boot4HealthIndicator(embeddedEtcd);
        }
    }
}
