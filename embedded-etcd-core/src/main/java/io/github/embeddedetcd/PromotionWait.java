/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.util.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * After a join, waits until the leader has promoted this learner, and says what happened when it
 * cannot be. The membership poll sees the promotion within one interval; etcd is also asked
 * directly now and then, so that a poll that keeps failing cannot hide it.
 */
final class PromotionWait {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEtcd.class);
    /** How often a joining member asks etcd itself whether it votes yet, besides its membership polls. */
    private static final Duration DIRECT_VOTER_CHECK = Duration.ofSeconds(1);

    private final EtcdConfig config;
    private final Lifecycle lifecycle;
    private final ClusterOperations cluster;

    PromotionWait(EtcdConfig config, Lifecycle lifecycle, ClusterOperations cluster) {
        this.config = config;
        this.lifecycle = lifecycle;
        this.cluster = cluster;
    }

    /**
     * @param stop stops the member when it is not promoted in time
     * @throws JoinTimeoutException  when it is not promoted within {@code embedded.join-timeout}
     * @throws EmbeddedEtcdException when the member stops while waiting
     */
    void await(Runnable stop) {
        long deadline = System.nanoTime() + config.joinTimeout().toNanos();
        long nextDirectCheck = System.nanoTime() + DIRECT_VOTER_CHECK.toNanos();
        MemberRun last = null;
        while (System.nanoTime() < deadline) {
            Optional<MemberRun> run = lifecycle.running();
            if (run.isEmpty()) {
                throw endedWhileJoining();
            }
            last = run.get();
            if (last.monitor().latest().isPresent() && !last.monitor().isLearner()) {
                return;
            }
            if (System.nanoTime() >= nextDirectCheck) {
                if (cluster.votesNow(last)) {
                    if (last.monitor().isLearner()) {
                        LOG.warn("etcd member '{}' is a voter as the cluster lists it, but still answers as a learner "
                                + "(etcd issue 18347); restarting it reloads its membership", config.name());
                    }
                    return;
                }
                nextDirectCheck = System.nanoTime() + DIRECT_VOTER_CHECK.toNanos();
            }
            Pause.sleep(config.promotionCheckInterval(), "waiting for member '" + config.name() + "' to be promoted");
        }
        String polls = last == null ? "" : last.monitor().currentFailure()
                .map(why -> " Its membership polls fail: " + why + ".").orElse("");
        stop.run();
        throw new JoinTimeoutException("Member '" + config.name() + "' joined as a learner but was not promoted within "
                + config.joinTimeout().toMillis() + " ms (embedded.join-timeout); it was stopped and stays registered, "
                + "so the next join reuses it. Promotion is done by the cluster's leader when its auto-promote is on; "
                + "check that the leader runs embedded-etcd with auto-promote, or promote it with promote(\""
                + config.name() + "\")." + polls, null);
    }

    private EmbeddedEtcdException endedWhileJoining() {
        return new EmbeddedEtcdException("etcd member '" + config.name() + "' stopped while waiting for its promotion "
                + "after joining: it was closed, removed from the cluster, or etcd exited (see the log of '"
                + MemberRun.loggerName(config.name()) + "'). Its registration stays, so join() again resumes it.");
    }
}
