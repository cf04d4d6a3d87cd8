/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A member whose data dir is empty while its peer URL is registered as a member that has run: its
 * volume was lost. That registration is removed, so that the member joins anew as a learner, only
 * when it is safe: {@code embedded.rejoin-after-data-loss} is on, no process runs that member
 * elsewhere, and the other voters keep a majority without it.
 */
final class LostVolume {

    private static final Logger LOG = LoggerFactory.getLogger(LostVolume.class);

    private LostVolume() {
    }

    /**
     * @return the removed registration
     * @throws ClusterCallException  (unhealthy cluster, retried by the join) while too few other voters answer
     * @throws EmbeddedEtcdException when the removal is switched off or the member runs elsewhere
     */
    static Member removeRegistration(EtcdConfig config, ClusterCalls calls, Member former, List<Member> members) {
        if (!config.rejoinAfterDataLoss()) {
            throw new EmbeddedEtcdException("Cannot join member '" + config.name() + "': its peer URL "
                    + config.initialAdvertisePeerUrls() + " belongs to member '" + former.name() + "' ("
                    + former.idHex() + "), which has already run, while this data dir " + config.dataDir()
                    + " holds no etcd data. If the data was lost, remove(\"" + former.name() + "\") through another "
                    + "member and join again, or turn embedded.rejoin-after-data-loss on; otherwise give this member "
                    + "another peer URL.");
        }
        requireNotRunning(config, calls, former);
        requireMajorityWithout(calls, former, members);
        calls.remove(former.id());
        LOG.warn("Member '{}' has an empty data dir {} while the cluster still listed it as {}, which has run: its "
                + "data was lost. Removed that registration; it joins anew as a learner", config.name(),
                config.dataDir(), former);
        return former;
    }

    private static void requireNotRunning(EtcdConfig config, ClusterCalls calls, Member former) {
        List<URI> urls = List.copyOf(Stream.concat(former.clientUrls().stream(), config.advertiseClientUrls().stream())
                .collect(Collectors.toCollection(LinkedHashSet::new)));
        calls.statuses(urls).forEach((url, status) -> {
            if (status.memberId() == former.id()) {
                throw new EmbeddedEtcdException("Member '" + config.name() + "' has an empty data dir "
                        + config.dataDir() + ", but its registration " + former + " still runs, answering at " + url
                        + ": another process runs this member. Stop it, or give this one its own name and URLs.");
            }
        });
    }

    private static void requireMajorityWithout(ClusterCalls calls, Member former, List<Member> members) {
        RemainingVoters remaining = RemainingVoters.ask(calls, members, status -> status.leaderId() != 0)
                .without(former.id());
        if (!remaining.keepMajority()) {
            throw ClusterCallException.noAnswer("remove the lost registration " + former, remaining.shortfall(
                    " with a leader") + " to keep a majority without it; start the others first",
                    EtcdError.UNHEALTHY_CLUSTER, null);
        }
    }
}
