/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A member of the cluster as etcd reports it, plus who leads and, best effort, its raft status.
 *
 * @param id         etcd's member id
 * @param name       empty while the member is added but not yet started
 * @param peerUrls   the peer URLs it was added with
 * @param clientUrls empty while not yet started
 * @param learner    a non-voting learner (not yet promoted)
 * @param leader     the current raft leader
 * @param status     its raft term/index, version and DB size, when it answered in time
 */
public record Member(long id, String name, List<URI> peerUrls, List<URI> clientUrls, boolean learner,
                     boolean leader, Optional<Status> status) {

    public Member {
        peerUrls = List.copyOf(peerUrls);
        clientUrls = List.copyOf(clientUrls);
    }

    /**
     * A member's own view of its raft state and store, from etcd's Status call.
     *
     * @param dbSize      bytes its database file takes (what etcd's quota counts)
     * @param dbSizeInUse bytes of it in use; the rest a defragmentation gives back
     * @param revision    the key-value store's revision it has applied
     */
    public record Status(long raftTerm, long raftIndex, long raftAppliedIndex, String version, long dbSize,
                         long dbSizeInUse, long revision) {

        /** Bytes a defragmentation would give back: the database's size less its size in use. */
        public long reclaimableBytes() {
            return Math.max(0, dbSize - dbSizeInUse);
        }
    }

    /** Whether the member has started (etcd knows its name once it has). */
    public boolean started() {
        return !name.isEmpty();
    }

    /**
     * Whether the member has ever run: etcd publishes a member's client URLs when it first starts.
     * (A static cluster's members carry their names before they start; only added ones lack them.)
     */
    public boolean hasRun() {
        return !clientUrls.isEmpty();
    }

    /** The id as 16 hex digits, as etcdctl prints it. */
    public String idHex() {
        return String.format("%016x", id);
    }

    /** This member with the given leader flag and status. */
    public Member with(boolean isLeader, Optional<Status> newStatus) {
        return new Member(id, name, peerUrls, clientUrls, learner, isLeader, newStatus);
    }

    @Override
    public String toString() {
        return (name.isEmpty() ? "(unstarted)" : name) + "[" + idHex() + (learner ? ", learner" : "")
                + (leader ? ", leader" : "") + ", peer " + peerUrls + "]";
    }
}
