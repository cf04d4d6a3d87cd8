/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.config.ForceNewCluster;
import io.github.embeddedetcd.config.Settings;
import io.github.embeddedetcd.internal.cluster.ClusterCallException;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.RecoveryRecord;
import io.github.embeddedetcd.internal.datadir.RestoreRecord;
import io.github.embeddedetcd.internal.process.EtcdProcess;
import io.github.embeddedetcd.internal.recovery.FormerMembers;
import io.github.embeddedetcd.internal.recovery.FormerMembers.FormerMember;
import io.github.embeddedetcd.internal.recovery.PeerProbe;
import io.github.embeddedetcd.internal.recovery.WalState;
import io.github.embeddedetcd.internal.util.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resets a cluster that lost its majority for good to one surviving member, on that member's own
 * data ({@code embedded.force-new-cluster}), before its normal start. etcd's
 * {@code --force-new-cluster} drops the entries after the member's commit index and removes every
 * other member. Old members that still run must not reach it meanwhile (etcd can panic on their
 * messages), so the reset runs with the peer listener on a free loopback port; the member then
 * stops and starts normally, and an old member that reaches it is told it was removed and, with
 * join endpoints, joins again on fresh data. A record in the data dir keeps the reset from running twice.
 */
final class QuorumRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(QuorumRecovery.class);
    private static final Duration MEMBERSHIP_POLL = Duration.ofMillis(50);

    private final EtcdConfig config;
    private final EtcdBinary binary;
    private final DataDir dataDir;
    private final Cancellation cancellation;

    private QuorumRecovery(EtcdConfig config, EtcdBinary binary, DataDir dataDir, Cancellation cancellation) {
        this.config = config;
        this.binary = binary;
        this.dataDir = dataDir;
        this.cancellation = cancellation;
    }

    /**
     * Resets the cluster to this member when the config asks for it and it has not run on this data
     * dir yet; a start without the setting forgets an earlier reset.
     *
     * @throws EmbeddedEtcdException saying why the reset is refused (nothing changed) or failed
     */
    static void prepare(EtcdConfig config, EtcdBinary binary, DataDir dataDir, Cancellation cancellation) {
        ForceNewCluster mode = config.get(Settings.FORCE_NEW_CLUSTER);
        Optional<RecoveryRecord> before = RecoveryRecord.load(dataDir);
        if (mode == ForceNewCluster.OFF) {
            before.ifPresent(done -> RecoveryRecord.clear(dataDir));
            return;
        }
        if (before.isPresent()) {
            LOG.info("The cluster of member '{}' was reset to it alone at {} (embedded.force-new-cluster); starting "
                    + "normally. Remove embedded.force-new-cluster from its config now: once a start runs without it, "
                    + "a later loss of quorum can be recovered the same way.", config.name(), before.get().recoveredAt());
            return;
        }
        new QuorumRecovery(config, binary, dataDir, cancellation).reset(mode == ForceNewCluster.INSIST);
    }

    private void reset(boolean insist) {
        if (!dataDir.isBootstrapped()) {
            throw refused("data dir " + config.dataDir() + " holds no etcd data to keep. Reset the member with the "
                    + "newest data (embedded-etcd survivors names it), or restore a snapshot (embedded.restore-from)");
        }
        // a member of a cluster built from a snapshot keeps embedded.restore-from; a reset keeps its data
        Path restoreFrom = config.get(Settings.RESTORE_FROM);
        if (restoreFrom != null && RestoreRecord.load(dataDir)
                .filter(r -> Path.of(r.snapshot()).equals(restoreFrom.toAbsolutePath())).isEmpty()) {
            throw refused("embedded.restore-from names " + restoreFrom + ", which this data dir was not restored "
                    + "from. A restore builds a new cluster from a snapshot, a reset keeps this member's own data: set "
                    + "only one of them");
        }
        WalState wal;
        List<FormerMember> members;
        try {
            wal = WalState.read(dataDir.wal());
            members = FormerMembers.of(config.dataDir());
        } catch (IOException e) {
            throw refused("its etcd data cannot be read (" + e.getMessage() + "). Reset another survivor");
        }
        List<FormerMember> others = members.stream().filter(m -> m.id() != wal.memberId()).toList();
        if (others.isEmpty()) {
            LOG.info("Member '{}' is the only member of its cluster: there is nothing to reset "
                    + "(embedded.force-new-cluster); starting normally", config.name());
            return;
        }
        requireMajorityLost(wal.memberId(), others, insist);
        runReset(wal);
        List<String> removed = others.stream().map(FormerMember::label).toList();
        new RecoveryRecord(removed, wal.commitIndex(), Instant.now().toString()).save(dataDir);
        LOG.warn("Reset the cluster of member '{}' to it alone on its own data up to raft index {} "
                + "(embedded.force-new-cluster); removed {}. Start the others with embedded.join-endpoints naming this "
                + "member: each moves its old data aside (kept) and joins as a new member.",
                config.name(), wal.commitIndex(), String.join(", ", removed));
    }

    /**
     * Refuses while the old cluster still has a majority that answers, or no longer lists this member,
     * unless the user insists. The members that answer say who the voters are: this member's own
     * backend may not know (etcd 3.5 keeps a promoted member marked as a learner there).
     */
    private void requireMajorityLost(long selfId, List<FormerMember> others, boolean insist) {
        List<PeerProbe.Answer> answers = PeerProbe.ask(others, config.peerTransportSecurity(), config.requestTimeout());
        if (answers.isEmpty()) {
            return;
        }
        List<String> unreadable = answers.stream().filter(a -> !a.isReadable()).map(PeerProbe.Answer::unreadable).toList();
        if (!unreadable.isEmpty() && !insist) {
            throw refused("former members run but their answers cannot be read (" + String.join("; ", unreadable)
                    + "), so whether the old cluster still has its majority is not known. Check this member's "
                    + "peer-transport-security (its CA and certificate are used to ask), or stop those members; set "
                    + "embedded.force-new-cluster: insist only if they must go");
        }
        List<List<FormerMember>> views = answers.stream().filter(PeerProbe.Answer::isReadable)
                .map(PeerProbe.Answer::sees).toList();
        if (views.isEmpty()) {
            return; // insisted past unreadable answers
        }
        if (views.stream().map(QuorumRecovery::ids).distinct().count() > 1 && !insist) {
            throw refused("the former members that answer disagree on who the members are (" + views.stream()
                    .map(QuorumRecovery::ids).distinct().toList() + "): the old cluster is changing or split. Wait "
                    + "and try again, or stop those members; set embedded.force-new-cluster: insist only if they must go");
        }
        List<FormerMember> live = views.get(0);
        Set<Long> voters = live.stream().filter(m -> !m.learner()).map(FormerMember::id).collect(Collectors.toSet());
        Map<Long, String> names = live.stream().collect(Collectors.toMap(FormerMember::id, FormerMember::label, (a, b) -> a));
        String who = String.join(", ", answers.stream().filter(PeerProbe.Answer::isReadable).map(a -> names.getOrDefault(a.member().id(), a.member().label())
                + " (" + a.member().peerUrls() + ")").toList());
        if (!names.containsKey(selfId) && !insist) {
            throw refused(who + " still run a cluster that no longer lists this member: it was removed. Join that "
                    + "cluster again (embedded.join-endpoints) instead of splitting it");
        }
        long there = answers.stream().filter(a -> a.isReadable() && voters.contains(a.member().id())).count()
                + (voters.contains(selfId) ? 1 : 0);
        if (there * 2 > voters.size() && !insist) {
            throw refused(who + " still answer: with this member, " + there + " of the cluster's " + voters.size()
                    + " voters are there, a majority, and a reset would split it in two. Start this member without "
                    + "embedded.force-new-cluster to rejoin it, or stop those members first; set "
                    + "embedded.force-new-cluster: insist only if they must go");
        }
        LOG.warn("Former members still answer: {}. The reset keeps them out; when they reach member '{}' afterwards, "
                + "etcd tells them they were removed.", who, config.name());
    }

    private static Set<Long> ids(List<FormerMember> members) {
        return members.stream().map(FormerMember::id).collect(Collectors.toSet());
    }

    /** Runs etcd once with --force-new-cluster, reachable by no peer, until it is alone and healthy. */
    private void runReset(WalState wal) {
        URI isolated = PeerProbe.loopback(config.listenPeerUrls().get(0), FreePorts.next());
        List<String> args = new ArrayList<>(config.extraArgs());
        args.add("--force-new-cluster");
        EtcdConfig resetting = config.toBuilder().initialAdvertisePeerUrls(config.initialAdvertisePeerUrls())
                .listenPeerUrls(List.of(isolated)).extraArgs(args).build();
        LOG.info("Resetting the cluster of member '{}' to it alone (etcd --force-new-cluster, peers kept out: "
                + "listening for them on {} only)", config.name(), isolated);
        EtcdProcess process = EtcdProcess.launch(binary, resetting, ClusterState.EXISTING);
        try {
            cancellation.attach(process);
            dataDir.recordEtcd(process.handle());
            URI client = config.advertiseClientUrls().get(0);
            EtcdAccess access = EtcdAccess.of(config);
            process.awaitHealthy(client, config.startTimeout(), access);
            awaitAlone(ClusterCalls.connect(List.of(client), access), wal.memberId());
        } finally {
            process.stop(config.stopTimeout());
            dataDir.clearEtcd();
        }
    }

    private void awaitAlone(ClusterCalls calls, long memberId) {
        long deadline = System.nanoTime() + config.startTimeout().toNanos();
        List<Member> members = List.of();
        while (System.nanoTime() < deadline) {
            try {
                members = calls.members().members();
                if (members.size() == 1 && members.get(0).id() == memberId) {
                    return;
                }
            } catch (ClusterCallException e) {
                LOG.debug("Member list not available yet during the reset: {}", e.getMessage());
            }
            Pause.sleep(MEMBERSHIP_POLL, "waiting for the reset of member '" + config.name() + "'");
        }
        throw new EtcdStartException("etcd reset the cluster of member '" + config.name() + "' but still lists "
                + members.size() + " members after " + config.startTimeout().toMillis() + " ms (embedded.start-timeout)"
                + "; it was stopped. Start it again with embedded.force-new-cluster to repeat the reset.", null, List.of());
    }

    private EmbeddedEtcdException refused(String why) {
        return new EmbeddedEtcdException("Will not reset the cluster of member '" + config.name()
                + "' (embedded.force-new-cluster): " + why + ". Nothing was changed.");
    }
}
