/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Hands the member's events to the application's {@link MembershipListener} beans. The member
 * starts while its bean is created, before the listener beans can be (one that injects the
 * {@code Client} needs the member first): events are kept until every singleton exists, then
 * replayed in order, then passed on as they come.
 */
final class ListenerBeans implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerBeans.class);

    private final ObjectProvider<MembershipListener> beans;
    private final List<Event> pending = new ArrayList<>();
    private List<MembershipListener> listeners;

    ListenerBeans(ObjectProvider<MembershipListener> beans) {
        this.beans = beans;
    }

    /** The one listener the member is built with. */
    MembershipListener forwarder() {
        return new MembershipListener() {
            @Override
            public void memberAdded(Member learner) {
                deliver(MembershipListener::memberAdded, learner);
            }

            @Override
            public void memberPromoted(Member member) {
                deliver(MembershipListener::memberPromoted, member);
            }

            @Override
            public void memberRemoved(Member member) {
                deliver(MembershipListener::memberRemoved, member);
            }

            @Override
            public void leaderChanged(Member leader) {
                deliver(MembershipListener::leaderChanged, leader);
            }

            @Override
            public void thisMemberRemoved(Member self) {
                deliver(MembershipListener::thisMemberRemoved, self);
            }
        };
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<MembershipListener> resolved = beans.orderedStream().toList();
        while (true) {
            List<Event> replay;
            synchronized (this) {
                if (pending.isEmpty()) {
                    listeners = resolved;
                    return;
                }
                replay = List.copyOf(pending);
                pending.clear();
            }
            replay.forEach(event -> event.deliverTo(resolved));
        }
    }

    private void deliver(BiConsumer<MembershipListener, Member> kind, Member member) {
        Event event = new Event(kind, member);
        List<MembershipListener> now;
        synchronized (this) {
            if (listeners == null) {
                pending.add(event);
                return;
            }
            now = listeners;
        }
        event.deliverTo(now);
    }

    /** One event; a listener that throws is logged and does not keep it from the others. */
    private record Event(BiConsumer<MembershipListener, Member> kind, Member member) {

        void deliverTo(List<MembershipListener> listeners) {
            for (MembershipListener listener : listeners) {
                try {
                    kind.accept(listener, member);
                } catch (RuntimeException e) {
                    LOG.warn("MembershipListener {} failed on an event about {}", listener, member, e);
                }
            }
        }
    }
}
