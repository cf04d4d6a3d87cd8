/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import io.github.embeddedetcd.StartPlan.Action;
import io.github.embeddedetcd.config.ClusterState;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every start decision, without etcd. */
class StartPlanTest {

    private static final List<URI> GIVEN = List.of(URI.create("http://127.0.0.1:2379"));
    private static final List<URI> RECORDED = List.of(URI.create("http://127.0.0.2:2379"));
    private static final List<URI> NONE = List.of();

    @Test
    void aFreshDataDirWithoutEndpointsBootstrapsWithTheConfiguredState() {
        StartPlan plan = StartPlan.decide(false, NONE, false, NONE);

        assertThat(plan.action()).isEqualTo(Action.BOOTSTRAP);
        assertThat(plan.joins()).isFalse();
        assertThat(plan.clusterState(ClusterState.NEW)).isEqualTo(ClusterState.NEW);
        assertThat(plan.clusterState(ClusterState.EXISTING)).isEqualTo(ClusterState.EXISTING);
    }

    @Test
    void aFreshDataDirWithEndpointsJoins() {
        StartPlan plan = StartPlan.decide(false, NONE, false, GIVEN);

        assertThat(plan).isEqualTo(new StartPlan(Action.JOIN, GIVEN, false));
        assertThat(plan.clusterState(ClusterState.NEW)).isEqualTo(ClusterState.EXISTING);
    }

    @Test
    void aBootstrappedDataDirRestartsWhateverWasAsked() {
        assertThat(StartPlan.decide(true, NONE, false, NONE).action()).isEqualTo(Action.RESTART);
        assertThat(StartPlan.decide(true, NONE, false, GIVEN).action()).isEqualTo(Action.RESTART);
        assertThat(StartPlan.decide(true, RECORDED, false, GIVEN).action()).isEqualTo(Action.RESTART);
        assertThat(StartPlan.decide(true, NONE, false, NONE).clusterState(ClusterState.NEW))
                .isEqualTo(ClusterState.EXISTING);
    }

    @Test
    void aRecordedJoinIsResumedThroughTheGivenEndpointsElseItsOwn() {
        assertThat(StartPlan.decide(false, RECORDED, false, NONE)).isEqualTo(new StartPlan(Action.RESUME_JOIN, RECORDED, false));
        assertThat(StartPlan.decide(false, RECORDED, false, GIVEN)).isEqualTo(new StartPlan(Action.RESUME_JOIN, GIVEN, false));
    }

    @Test
    void aRemovedMemberJoinsAgainOrIsRefusedAndEtcdDataItLeftIsMovedAside() {
        assertThat(StartPlan.decide(true, NONE, true, GIVEN)).isEqualTo(new StartPlan(Action.JOIN, GIVEN, true));
        assertThat(StartPlan.decide(true, RECORDED, true, NONE)).isEqualTo(new StartPlan(Action.REFUSE_REMOVED, NONE, true));
    }

    /** Once its data was moved aside, a removed member's data dir holds only the tombstone: nothing more to move. */
    @Test
    void aRemovedMemberWithoutEtcdDataIsRefusedAgainNeverBootstrapped() {
        assertThat(StartPlan.decide(false, NONE, true, NONE)).isEqualTo(new StartPlan(Action.REFUSE_REMOVED, NONE, false));
        assertThat(StartPlan.decide(false, RECORDED, true, GIVEN)).isEqualTo(new StartPlan(Action.JOIN, GIVEN, false));
    }
}
