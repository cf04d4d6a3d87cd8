/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.cluster.Joiner;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.JoinRecord;
import io.github.embeddedetcd.internal.datadir.MemberIdentity;
import io.github.embeddedetcd.internal.datadir.Tombstone;
import io.github.embeddedetcd.internal.process.EtcdProcess;
import io.github.embeddedetcd.internal.recovery.ExistingCluster;
import io.github.embeddedetcd.internal.snapshot.SnapshotRestore;
import io.github.embeddedetcd.internal.tls.PeerSourceAddresses;
import io.github.embeddedetcd.internal.tls.ServerTls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Carries out one start of a member: takes its data dir, follows the {@link StartPlan} (moving a
 * removed member's data aside, registering a join), launches etcd and returns the run once etcd is
 * healthy. On any failure nothing is left behind: etcd is killed and the data dir released.
 */
final class MemberStart {

    private static final Logger LOG = LoggerFactory.getLogger(MemberStart.class);

    private final EtcdConfig config;
    private final EtcdBinary binary;
    private final List<MembershipListener> listeners;
    private final Cancellation cancellation;

    MemberStart(EtcdConfig config, EtcdBinary binary, List<MembershipListener> listeners, Cancellation cancellation) {
        this.config = config;
        this.binary = binary;
        this.listeners = listeners;
        this.cancellation = cancellation;
    }

    /**
     * @param joinVia  client URLs to join through when the data dir holds no member yet
     * @param onOwnEnd called after the run ended without stop() or kill() (removal or crash)
     */
    MemberRun run(List<URI> joinVia, Consumer<MemberRun> onOwnEnd) {
        try {
            return runOnce(joinVia, onOwnEnd);
        } catch (MemberRemovedException removed) {
            if (joinVia.isEmpty()) {
                throw removed;
            }
            // etcd learnt at start that this member was removed (e.g. the cluster was reset to another
            // member while this one was away): with join endpoints it joins again, its old data kept aside
            LOG.warn("Member '{}' was removed from its cluster while it was stopped; joining again through {} "
                    + "(its old data is moved aside, not deleted)", config.name(), joinVia);
            return runOnce(joinVia, onOwnEnd);
        }
    }

    private MemberRun runOnce(List<URI> joinVia, Consumer<MemberRun> onOwnEnd) {
        ServerTls.check(config);
        PeerSourceAddresses.check(config, joinVia);
        DataDir dataDir = DataDir.acquire(config.dataDir(), config.walDir());
        EtcdProcess process = null;
        Removal removal = null;
        try {
            // before a restore: a reset refused for an empty data dir must leave it empty
            QuorumRecovery.prepare(config, binary, dataDir, cancellation);
            SnapshotRestore.prepare(config, binary, dataDir);
            StartPlan plan = StartPlan.decide(dataDir.isBootstrapped(),
                    JoinRecord.load(dataDir).map(JoinRecord::endpoints).orElse(List.of()),
                    Tombstone.load(dataDir).isPresent(), joinVia);
            if (plan.action() == StartPlan.Action.RESTART) {
                requireOwnData(dataDir);
            }
            Optional<Tombstone> tombstone = Tombstone.load(dataDir);
            Path movedTo = null;
            if (plan.moveRemovedDataAside()) {
                movedTo = dataDir.moveAside();
                dataDir = DataDir.acquire(config.dataDir(), config.walDir());
            }
            if (plan.action() == StartPlan.Action.REFUSE_REMOVED) {
                // the fresh data dir keeps the removal in mind: a later start is refused too, never a new cluster
                tombstone.orElseThrow().save(dataDir);
                throw refusedAfterRemoval(tombstone.get(), movedTo);
            }
            if (tombstone.isPresent()) {
                Tombstone.clear(dataDir);
            }
            if (plan.action() == StartPlan.Action.BOOTSTRAP) {
                plan = ExistingCluster.lookFor(config, cancellation::isRequested).map(StartPlan::joinFound).orElse(plan);
            }
            EtcdConfig effective = config;
            Optional<Member> formerSelf = Optional.empty();
            if (plan.joins()) {
                Joiner.Joined joined = Joiner.register(config, plan.joinVia(), cancellation::isRequested);
                joined.record().save(dataDir);
                formerSelf = joined.formerSelf();
                effective = config.toBuilder().initialCluster(joined.record().initialCluster()).build();
            }
            process = EtcdProcess.launch(binary, effective, plan.clusterState(config.initialClusterState()));
            removal = Removal.watching(process);
            cancellation.attach(process);
            dataDir.recordEtcd(process.handle());
            process.awaitHealthy(config.advertiseClientUrls().get(0), config.startTimeout(), EtcdAccess.of(config));
            MemberRun run = MemberRun.begin(config, binary, dataDir, process, removal, plan, listeners, onOwnEnd);
            formerSelf.ifPresent(former -> run.events().fire("rejoined after data loss",
                    listener -> listener.rejoinedAfterDataLoss(former)));
            return run;
        } catch (RuntimeException | Error failure) {
            boolean wasRemoved = removal != null && removal.happened();
            releaseAfterFailure(failure, process, dataDir, wasRemoved ? removal : null);
            if (wasRemoved) {
                throw new MemberRemovedException("Member '" + config.name() + "' was removed from its cluster, so etcd "
                        + "refused to start on its data dir; the data dir is now marked removed. Join the cluster "
                        + "again with join(endpoints).", null);
            }
            throw failure;
        }
    }

    /** Undoes a failed start step by step; a step that fails does not keep the others from running. */
    private void releaseAfterFailure(Throwable failure, EtcdProcess process, DataDir dataDir, Removal removed) {
        List<Runnable> steps = new ArrayList<>();
        if (process != null) {
            steps.add(process::kill);
        }
        if (removed != null) {
            steps.add(() -> removed.tombstone(dataDir, 0, config.name()));
        }
        steps.add(dataDir::clearEtcd);
        steps.add(dataDir::close);
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | Error e) {
                failure.addSuppressed(e);
            }
        }
    }

    private MemberRemovedException refusedAfterRemoval(Tombstone tombstone, Path movedTo) {
        return new MemberRemovedException("Member '" + config.name() + "' was removed from its cluster ("
                + tombstone.removedAt() + "), so it must not start again as the same member"
                + (movedTo == null ? "" : "; its old data was moved to " + movedTo) + ". Join the cluster again with "
                + "join(endpoints), or set embedded.join-endpoints.", movedTo);
    }

    /**
     * Registers this member as a learner without starting it (the two-step join): a removed
     * member's etcd data is moved aside first; a bootstrapped data dir is refused.
     */
    JoinRecord register(List<URI> endpoints) {
        DataDir dataDir = DataDir.acquire(config.dataDir(), config.walDir());
        try {
            if (Tombstone.load(dataDir).isPresent()) {
                if (dataDir.isBootstrapped()) {
                    dataDir.moveAside();
                    dataDir = DataDir.acquire(config.dataDir(), config.walDir());
                }
                Tombstone.clear(dataDir);
            }
            if (dataDir.isBootstrapped()) {
                throw new EmbeddedEtcdException("Member '" + config.name() + "' is already part of a cluster (data dir "
                        + config.dataDir() + " is bootstrapped); start it instead of joining again.");
            }
            JoinRecord record = Joiner.register(config, endpoints, cancellation::isRequested).record();
            record.save(dataDir);
            return record;
        } finally {
            dataDir.close();
        }
    }

    /** A bootstrapped data dir must hold this member's data, not another member's. */
    private void requireOwnData(DataDir dataDir) {
        MemberIdentity.load(dataDir).filter(owner -> !owner.name().equals(config.name())).ifPresent(owner -> {
            throw new EmbeddedEtcdException("Data dir " + config.dataDir() + " holds the data of member '" + owner.name()
                    + "' (id " + owner.memberId() + ", cluster " + owner.clusterId() + "), not of '" + config.name()
                    + "' as this config names it; etcd would rename that member. Start '" + owner.name()
                    + "' with its own config, or give '" + config.name() + "' a data-dir of its own.");
        });
    }
}
