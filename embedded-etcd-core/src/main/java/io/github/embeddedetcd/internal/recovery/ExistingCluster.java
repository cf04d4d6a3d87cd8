/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.ClusterCalls;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import io.github.embeddedetcd.internal.cluster.PeerList;
import io.github.embeddedetcd.internal.recovery.FormerMembers.FormerMember;
import io.github.embeddedetcd.internal.util.Pause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Before a member bootstraps a new cluster on an empty data dir, whether its cluster runs already:
 * then a bootstrap would make a second cluster (after a lost volume, or a first member started
 * late), and the member joins it instead. It asks every peer it knows of: the other
 * {@code embedded.peer-endpoints} (client URLs, asked again until {@code embedded.discovery-timeout})
 * and the other members of {@code initial-cluster} (their peer URLs answer {@code /members}; asked
 * once, for they start together with this one). A peer forming the same new cluster, which lists
 * this member as not started yet, is no reason not to bootstrap.
 */
public final class ExistingCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ExistingCluster.class);
    /** Longest wait for one peer's answer: a peer that is down costs each start this much at most. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BETWEEN_ROUNDS = Duration.ofMillis(200);

    /** A member list as one peer answered it; {@code clientUrl} is empty for an answer on a peer URL. */
    record Sighting(String where, Optional<URI> clientUrl, List<Member> members, Optional<Long> clusterId) {
    }

    /**
     * @param cancelled checked between rounds: true ends the search with an exception
     * @return the client URLs to join through, or empty to bootstrap
     * @throws EmbeddedEtcdException when a running cluster answers that the member cannot join
     */
    public static Optional<List<URI>> lookFor(EtcdConfig config, BooleanSupplier cancelled) {
        List<URI> peerEndpoints = PeerList.others(config);
        List<FormerMember> initialPeers = config.initialCluster().entrySet().stream()
                .filter(entry -> !entry.getKey().equals(config.name()))
                .map(entry -> new FormerMember(0, entry.getKey(), entry.getValue(), List.of(), false)).toList();
        if (peerEndpoints.isEmpty() && initialPeers.isEmpty()) {
            return Optional.empty();
        }
        return new ExistingCluster(config, peerEndpoints, initialPeers).search(cancelled);
    }

    private final EtcdConfig config;
    private final List<URI> peerEndpoints;
    private final List<FormerMember> initialPeers;
    private final Duration probeTimeout;
    private final Optional<ClusterCalls> clientCalls;
    /** Unreadable answers already logged: each is said once, not every round. */
    private final Set<String> reported = new HashSet<>();

    private ExistingCluster(EtcdConfig config, List<URI> peerEndpoints, List<FormerMember> initialPeers) {
        this.config = config;
        this.peerEndpoints = peerEndpoints;
        this.initialPeers = initialPeers;
        this.probeTimeout = config.requestTimeout().compareTo(PROBE_TIMEOUT) < 0 ? config.requestTimeout()
                : PROBE_TIMEOUT;
        this.clientCalls = peerEndpoints.isEmpty() ? Optional.empty() : Optional.of(ClusterCalls.connect(peerEndpoints,
                EtcdAccess.of(config.clientTls(), config.credentials(), probeTimeout)));
    }

    /** Rounds of asking until an answer decides, or the discovery timeout (one round without peer endpoints). */
    private Optional<List<URI>> search(BooleanSupplier cancelled) {
        long deadline = System.nanoTime() + (peerEndpoints.isEmpty() ? 0 : config.discoveryTimeout().toNanos());
        int rounds = 0;
        while (true) {
            rounds++;
            Verdict verdict = judge(config, ask());
            if (verdict.joinVia().isPresent()) {
                LOG.warn("Member '{}' has an empty data dir, and its cluster runs already: {}. Joining it rather than "
                        + "bootstrapping a second cluster", config.name(), verdict.why());
                return verdict.joinVia();
            }
            if (verdict.sameFormation() || System.nanoTime() + BETWEEN_ROUNDS.toNanos() > deadline) {
                if (!peerEndpoints.isEmpty()) {
                    LOG.info("Member '{}' bootstraps a new cluster: no other peer of {} answered within {} ms "
                            + "(embedded.discovery-timeout, {} rounds)", config.name(), config.peerEndpoints(),
                            config.discoveryTimeout().toMillis(), rounds);
                }
                return Optional.empty();
            }
            if (cancelled.getAsBoolean()) {
                throw new EmbeddedEtcdException("Start of member '" + config.name() + "' was cancelled while it "
                        + "asked its peers " + peerEndpoints + " for a running cluster (the member was closed)");
            }
            Pause.sleep(BETWEEN_ROUNDS, "asking the peers of member '" + config.name() + "' for a running cluster");
        }
    }

    /** One round: every peer at once, each within the probe timeout. */
    private List<Sighting> ask() {
        List<Sighting> sightings = new ArrayList<>();
        clientCalls.ifPresent(calls -> calls.memberLists(peerEndpoints).forEach((url, list) ->
                sightings.add(new Sighting(url.toString(), Optional.of(url), list.members(),
                        Optional.of(list.clusterId())))));
        for (PeerProbe.Answer answer : PeerProbe.ask(initialPeers, config.peerTransportSecurity(), probeTimeout)) {
            if (answer.isReadable()) {
                sightings.add(new Sighting("member '" + answer.member().name() + "' at " + answer.member().peerUrls(),
                        Optional.empty(), answer.sees().stream().map(ExistingCluster::member).toList(), Optional.empty()));
            } else if (reported.add(answer.unreadable())) {
                LOG.warn("Member '{}' cannot tell whether its cluster runs: {}. It counts this peer as not "
                        + "answering; check its peer TLS settings", config.name(), answer.unreadable());
            }
        }
        return sightings;
    }

    private static Member member(FormerMember seen) {
        return new Member(seen.id(), seen.name(), seen.peerUrls(), seen.clientUrls(), seen.learner(), false,
                Optional.empty());
    }

    /**
     * What the answers mean: a running cluster to join ({@code joinVia}), the same new cluster being
     * formed ({@code sameFormation}), or nothing known yet.
     */
    record Verdict(Optional<List<URI>> joinVia, boolean sameFormation, String why) {
    }

    static Verdict judge(EtcdConfig config, List<Sighting> sightings) {
        Set<URI> ownPeerUrls = Set.copyOf(config.initialAdvertisePeerUrls());
        Set<URI> formation = config.initialCluster().values().stream().flatMap(List::stream).collect(Collectors.toSet());
        Set<Long> clusters = sightings.stream().flatMap(s -> s.clusterId().stream()).collect(Collectors.toSet());
        if (clusters.size() > 1) {
            throw new EmbeddedEtcdException("Member '" + config.name() + "' found more than one cluster among its "
                    + "peers: " + sightings.stream().map(s -> s.where() + " is in cluster "
                    + s.clusterId().map(Long::toHexString).orElse("?")).toList() + ". It joins none of them; "
                    + "bring the peers back into one cluster, or list only one cluster's members in embedded.peer-endpoints.");
        }
        Set<URI> joinVia = new LinkedHashSet<>();
        List<String> why = new ArrayList<>();
        boolean sameFormation = false;
        for (Sighting sighting : sightings) {
            Optional<Member> self = sighting.members().stream()
                    .filter(m -> m.peerUrls().stream().anyMatch(ownPeerUrls::contains)).findFirst();
            Set<URI> listed = sighting.members().stream().flatMap(m -> m.peerUrls().stream())
                    .collect(Collectors.toCollection(HashSet::new));
            if (self.isPresent() && !self.get().hasRun() && listed.equals(formation)) {
                sameFormation = true;
                continue;
            }
            sighting.clientUrl().ifPresent(joinVia::add);
            sighting.members().stream().filter(m -> m.hasRun() && !self.equals(Optional.of(m)))
                    .forEach(m -> joinVia.addAll(m.clientUrls()));
            why.add(sighting.where() + " answers as a member of " + sighting.members().stream().map(Member::toString)
                    .toList() + self.filter(Member::hasRun).map(s -> ", where this member is still registered as "
                    + s + ", which has run: its data was lost").orElse(""));
        }
        if (why.isEmpty()) {
            return new Verdict(Optional.empty(), sameFormation, "");
        }
        if (joinVia.isEmpty()) {
            throw new EmbeddedEtcdException("Member '" + config.name() + "' has an empty data dir, and its cluster runs "
                    + "already (" + String.join("; ", why) + "), but none of its members advertises a client URL to "
                    + "join through. Set embedded.join-endpoints to client URLs of running members.");
        }
        return new Verdict(Optional.of(List.copyOf(joinVia)), false, String.join("; ", why));
    }
}
