/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring.actuate;

import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.spring.EmbeddedEtcdAutoConfiguration;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The member's Micrometer meters ({@link EmbeddedEtcdMetrics}) when Micrometer is on the
 * classpath; Boot binds every {@link MeterBinder} bean to its registries.
 */
@AutoConfiguration(after = EmbeddedEtcdAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnSingleCandidate(EmbeddedEtcd.class)
public class EmbeddedEtcdMetricsAutoConfiguration {

    /** A listener bean: the member registers it, as it does every MembershipListener bean. */
    @Bean
    @ConditionalOnMissingBean
    public MembershipEventCounts embeddedEtcdMembershipEventCounts() {
        return new MembershipEventCounts();
    }

    @Bean
    @ConditionalOnMissingBean
    public EmbeddedEtcdMetrics embeddedEtcdMetrics(EmbeddedEtcd embeddedEtcd, MembershipEventCounts counts) {
        return new EmbeddedEtcdMetrics(embeddedEtcd, counts);
    }
}
