/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.EmbeddedEtcd;
import io.github.embeddedetcd.MembershipListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * An etcd member in the application: {@link EmbeddedEtcd} from the {@code embedded.etcd}
 * properties with every {@link MembershipListener} bean as a listener, its
 * {@link EmbeddedEtcdLifecycle}, and a jetcd {@link Client}. Each bean gives way to one of the
 * application's own; {@code embedded.etcd.enabled=false} switches it all off.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = EmbeddedEtcdProperties.PREFIX, name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EmbeddedEtcdProperties.class)
public class EmbeddedEtcdAutoConfiguration {

    /**
     * The member and the forwarder of its events, made only when the application has no
     * {@link EmbeddedEtcd} of its own (a nested configuration: its condition sees the
     * application's beans only, not the member made here).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(EmbeddedEtcd.class)
    static class MemberConfiguration {

        /**
         * The member, started (or joined) before any bean that needs it is created; a start that
         * fails fails the context with the library's message. Every
         * {@link EmbeddedEtcdBuilderCustomizer} bean changes its builder first, in order.
         */
        @Bean
        EmbeddedEtcd embeddedEtcd(EmbeddedEtcdProperties properties, Environment environment,
                                  ListenerBeans embeddedEtcdListenerBeans,
                                  ObjectProvider<EmbeddedEtcdBuilderCustomizer> customizers) {
            EmbeddedEtcd.Builder builder = EmbeddedEtcd.builder()
                    .config(new MemberSettings(properties, environment).config())
                    .listener(embeddedEtcdListenerBeans.forwarder());
            customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
            EmbeddedEtcd etcd = builder.build();
            EmbeddedEtcdLifecycle.launch(etcd);
            return etcd;
        }

        /** Passes the member's events to the MembershipListener beans, once they can be created. */
        @Bean
        ListenerBeans embeddedEtcdListenerBeans(ObjectProvider<MembershipListener> listeners) {
            return new ListenerBeans(listeners);
        }
    }

    /** Stops the member late on shutdown, and starts it again when the context is restarted. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(EmbeddedEtcd.class)
    public EmbeddedEtcdLifecycle embeddedEtcdLifecycle(EmbeddedEtcd embeddedEtcd) {
        return new EmbeddedEtcdLifecycle(embeddedEtcd);
    }

    /**
     * The member's client: each call goes to the member's current client (a new one after the
     * context is stopped and started), which the member closes. An application's own member is
     * started for it.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    @ConditionalOnSingleCandidate(EmbeddedEtcd.class)
    public Client etcdClient(EmbeddedEtcd embeddedEtcd) {
        EmbeddedEtcdLifecycle.launch(embeddedEtcd);
        return MemberClient.of(embeddedEtcd);
    }
}
