/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.internal.cluster.MembershipView;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which member takes the cluster's scheduled snapshot, from one member's view. */
class SnapshotTakerTest {

    @Test
    void theFollowerVoterWithTheLowestIdTakesIt() {
        MembershipView view = view(2, voter(2), voter(7), voter(5), learner(1));

        assertThat(SnapshotSchedule.takerIn(view)).contains(5L);
    }

    @Test
    void theLeaderTakesItWhenItIsTheOnlyVoter() {
        assertThat(SnapshotSchedule.takerIn(view(3, voter(3), learner(1)))).contains(3L);
    }

    @Test
    void nobodyTakesItWithoutALeaderOrFollower() {
        assertThat(SnapshotSchedule.takerIn(view(0, learner(4)))).isEmpty();
    }

    private static MembershipView view(long leader, Member... members) {
        Map<Long, Member> byId = new LinkedHashMap<>();
        for (Member m : members) {
            byId.put(m.id(), m);
        }
        return new MembershipView(byId, members[0].id(), 42, leader);
    }

    private static Member voter(long id) {
        return member(id, false);
    }

    private static Member learner(long id) {
        return member(id, true);
    }

    private static Member member(long id, boolean learner) {
        return new Member(id, "m" + id, List.of(URI.create("http://127.0.0.1:" + (2380 + id))),
                List.of(URI.create("http://127.0.0.1:" + (2379 + id))), learner, false, Optional.empty());
    }
}
