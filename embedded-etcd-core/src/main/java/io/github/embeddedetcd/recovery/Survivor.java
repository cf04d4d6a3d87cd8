/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.recovery;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.datadir.DataDir;
import io.github.embeddedetcd.internal.datadir.MemberIdentity;
import io.github.embeddedetcd.internal.recovery.FormerMembers;
import io.github.embeddedetcd.internal.recovery.WalState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * What a stopped member's data dir holds of its cluster's log, read from its WAL: the member to
 * recover a cluster that lost its majority from is the survivor with the newest data
 * ({@link #newest}), which then starts alone with {@code embedded.force-new-cluster}.
 *
 * @param member      the member's name as its data dir records it, else its id in hex
 * @param lastIndex   the raft index of the last entry in its log
 * @param lastTerm    the raft term of that entry
 * @param commitIndex the highest index it knew committed: {@code --force-new-cluster} keeps the log
 *                    up to here and drops the entries after it
 */
public record Survivor(Path dataDir, String member, long memberId, long clusterId, long lastIndex, long lastTerm,
                       long commitIndex) {

    /** Newest data last: the higher commit index, then the later last entry (term, then index). */
    public static final Comparator<Survivor> BY_DATA = Comparator.comparingLong(Survivor::commitIndex)
            .thenComparingLong(Survivor::lastTerm).thenComparingLong(Survivor::lastIndex);

    public Survivor {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(member, "member");
    }

    /** Examines the data dir of this member's config (its {@code wal-dir} when set). */
    public static Survivor examine(EtcdConfig config) {
        return examine(config.dataDir(), config.walDir());
    }

    /**
     * Examines a stopped member's data dir.
     *
     * @param walDir etcd's {@code wal-dir}, or null when the WAL is in the data dir
     * @throws EmbeddedEtcdException when the data dir is missing, in use by a running member, or
     *                               holds no readable etcd WAL
     */
    public static Survivor examine(Path dataDir, Path walDir) {
        if (!Files.isDirectory(dataDir)) {
            throw new EmbeddedEtcdException("Data dir " + dataDir + " does not exist: nothing survived there. "
                    + "Examine the data dirs of the members that still have theirs.");
        }
        // held while reading: a member running on it would change it meanwhile, and must be stopped first
        try (DataDir held = DataDir.acquire(dataDir, walDir)) {
            if (!held.isBootstrapped()) {
                throw new EmbeddedEtcdException("Data dir " + dataDir + " holds no etcd data (no WAL in " + held.wal()
                        + "): this member never started or lost its data. Examine the other members' data dirs.");
            }
            WalState state = WalState.read(held.wal());
            Optional<String> recorded = MemberIdentity.load(held).map(MemberIdentity::name);
            String name = recorded.isPresent() ? recorded.get() : FormerMembers.of(dataDir).stream()
                    .filter(m -> m.id() == state.memberId()).findFirst().map(FormerMembers.FormerMember::label)
                    .orElse(String.format("%016x", state.memberId()));
            return new Survivor(dataDir, name, state.memberId(), state.clusterId(), state.lastIndex(),
                    state.lastTerm(), state.commitIndex());
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot read the etcd data in " + dataDir + ": " + e.getMessage()
                    + ". This data dir cannot be recovered from; examine the other members' data dirs.", e);
        }
    }

    /**
     * The survivor with the newest data; survivors of different clusters are refused.
     *
     * @throws IllegalArgumentException when there are none, or they belong to different clusters
     */
    public static Survivor newest(Collection<Survivor> survivors) {
        if (survivors.isEmpty()) {
            throw new IllegalArgumentException("no survivors to choose from");
        }
        long clusters = survivors.stream().mapToLong(Survivor::clusterId).distinct().count();
        if (clusters > 1) {
            throw new IllegalArgumentException("These data dirs belong to " + clusters + " different clusters: "
                    + survivors.stream().map(s -> s.dataDir() + " (cluster " + s.clusterIdHex() + ")").toList()
                    + ". Choose among the members of one cluster.");
        }
        return survivors.stream().max(BY_DATA).orElseThrow();
    }

    /** The member id in etcd's hex form. */
    public String memberIdHex() {
        return String.format("%016x", memberId);
    }

    /** The cluster id in etcd's hex form. */
    public String clusterIdHex() {
        return String.format("%016x", clusterId);
    }

    /** E.g. {@code n2 (8c1aac77fa0e327a of cluster 3a4b650355463f66, /data/n2): commit 51, last entry 51 of term 4}. */
    @Override
    public String toString() {
        return member + " (" + memberIdHex() + " of cluster " + clusterIdHex() + ", " + dataDir + "): commit "
                + commitIndex + ", last entry " + lastIndex + " of term " + lastTerm;
    }
}
