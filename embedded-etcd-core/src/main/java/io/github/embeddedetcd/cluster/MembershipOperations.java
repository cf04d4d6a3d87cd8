package io.github.embeddedetcd.cluster;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.Member;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Listing, removing and promoting members, with etcd's refusals turned into plain words. */
public final class MembershipOperations {

    private static final Logger LOG = LoggerFactory.getLogger(MembershipOperations.class);
    /** etcd refuses reconfiguration for 5 s after the leader lost contact with a quorum. */
    private static final Duration UNHEALTHY_WINDOW = Duration.ofSeconds(6);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(200);

    private MembershipOperations() {
    }

    /** Every member with leader flag and, where it answered in time, its status. */
    public static List<Member> members(ClusterCalls calls) {
        List<Member> members = calls.members().members();
        List<URI> urls = members.stream().filter(m -> !m.clientUrls().isEmpty()).map(m -> m.clientUrls().get(0)).toList();
        Map<URI, ClusterCalls.MemberState> states = calls.statuses(urls);
        long leaderId = states.values().stream().mapToLong(ClusterCalls.MemberState::leaderId)
                .filter(id -> id != 0).findFirst().orElse(0);
        return members.stream().map(m -> m.with(m.id() == leaderId, m.clientUrls().isEmpty() ? Optional.empty()
                : Optional.ofNullable(states.get(m.clientUrls().get(0))).map(ClusterCalls.MemberState::status))).toList();
    }

    /** The member with this name. */
    public static Member byName(ClusterCalls calls, String name) {
        List<Member> members = calls.members().members();
        return members.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new EmbeddedEtcdException("No member named '" + name + "' in the cluster. Members: "
                        + describe(members) + ". Check the name (etcdctl member list shows them)."));
    }

    /**
     * Removes a member; already gone counts as done.
     *
     * @return the member that was removed, empty when it was already gone
     */
    public static Optional<Member> remove(ClusterCalls calls, long memberId) {
        Optional<Member> member = calls.members().members().stream().filter(m -> m.id() == memberId).findFirst();
        if (member.isEmpty()) {
            LOG.info("Member {} is not in the cluster (already removed)", Long.toHexString(memberId));
            return member;
        }
        long deadline = System.nanoTime() + UNHEALTHY_WINDOW.toNanos();
        while (true) {
            try {
                calls.remove(memberId);
                LOG.info("Removed member {}", member.get());
                return member;
            } catch (ClusterCallException e) {
                switch (e.error()) {
                    case MEMBER_NOT_FOUND:
                        return Optional.empty();
                    case NOT_ENOUGH_STARTED:
                        throw new EmbeddedEtcdException("etcd refused to remove " + member.get() + ": the members left "
                                + "would not have a quorum of started members (strict reconfig check). Start the "
                                + "stopped members first, then remove it.", e);
                    case UNHEALTHY_CLUSTER:
                        if (System.nanoTime() < deadline) {
                            Pause.sleep(RETRY_PAUSE, "removing " + member.get());
                            continue;
                        }
                        throw new EmbeddedEtcdException("etcd refused to remove " + member.get() + ": the leader lost "
                                + "contact with a quorum in the last 5 s (unhealthy cluster). Check that a majority "
                                + "of the members runs, then retry.", e);
                    default:
                        throw new EmbeddedEtcdException("Cannot remove " + member.get() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** Promotes a learner, retrying while it catches up, until the timeout; a voter counts as done. */
    public static void promote(ClusterCalls calls, Member learner, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                calls.promote(learner.id());
                LOG.info("Promoted {}", learner);
                return;
            } catch (ClusterCallException e) {
                if (e.error() == EtcdError.NOT_A_LEARNER) {
                    return;
                }
                if (!e.error().isTransient() || System.nanoTime() > deadline) {
                    throw new EmbeddedEtcdException("Cannot promote " + learner + ": " + e.getMessage()
                            + (e.error() == EtcdError.LEARNER_NOT_IN_SYNC ? ". It has not caught up with the leader "
                            + "within " + timeout.toMillis() + " ms; check that it runs and can reach the leader." : ""), e);
                }
                Pause.sleep(RETRY_PAUSE, "promoting " + learner);
            }
        }
    }

    static String describe(List<Member> members) {
        return members.stream().map(m -> (m.started() ? m.name() : "(unstarted)") + " (" + m.idHex()
                + (m.learner() ? ", learner" : "") + ")").collect(Collectors.joining(", "));
    }

}
