package io.github.embeddedetcd.cluster;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.Member;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The membership calls of one jetcd client, each with a deadline. Failures come back as
 * {@link ClusterCallException} carrying the recognised {@link EtcdError}.
 */
public final class ClusterCalls implements AutoCloseable {

    private final Client client;
    private final Duration timeout;

    private ClusterCalls(Client client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    /** Calls through a new client to these endpoints, closed with this object. */
    public static ClusterCalls connect(List<URI> endpoints, Duration timeout) {
        Client client = Client.builder()
                .endpoints(endpoints.toArray(URI[]::new))
                .waitForReady(false)
                .connectTimeout(timeout)
                .build();
        return new ClusterCalls(client, timeout);
    }

    /** The members (without leader flag or status), with the id and raft term of the member that answered. */
    public Membership members() {
        var response = await(client.getClusterClient().listMember(), "list members");
        return new Membership(response.getMembers().stream().map(ClusterCalls::toMember).toList(),
                response.getHeader().getMemberId(), response.getHeader().getRaftTerm());
    }

    /** A member list; a changed raft term means an election happened since the last one. */
    public record Membership(List<Member> members, long answeredBy, long raftTerm) {
    }

    /** Adds a learner with these peer URLs; returns it and the members after the change. */
    public Added addLearner(List<URI> peerUrls) {
        var response = await(client.getClusterClient().addMember(peerUrls, true), "add learner " + peerUrls);
        return new Added(toMember(response.getMember()),
                response.getMembers().stream().map(ClusterCalls::toMember).toList());
    }

    /** The members after an add, including the added one. */
    public record Added(Member member, List<Member> members) {
    }

    public void promote(long memberId) {
        await(client.getClusterClient().promoteMember(memberId), "promote member " + Long.toHexString(memberId));
    }

    public void remove(long memberId) {
        await(client.getClusterClient().removeMember(memberId), "remove member " + Long.toHexString(memberId));
    }

    /** What the member at this client URL says of itself (jetcd opens a connection for each such call). */
    public MemberState status(URI clientUrl) {
        return await(statusAsync(clientUrl), "status of " + clientUrl);
    }

    /** The status of several members at once, each within the deadline; members that did not answer are left out. */
    public Map<URI, MemberState> statuses(List<URI> clientUrls) {
        Map<URI, CompletableFuture<MemberState>> calls = new LinkedHashMap<>();
        clientUrls.forEach(url -> calls.put(url, statusAsync(url)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        Map<URI, MemberState> answers = new LinkedHashMap<>();
        calls.forEach((url, call) -> {
            try {
                answers.put(url, call.join());
            } catch (RuntimeException noAnswer) {
                // best effort: a member that is down has no status
            }
        });
        return answers;
    }

    private CompletableFuture<MemberState> statusAsync(URI clientUrl) {
        return client.getMaintenanceClient().statusMember(clientUrl.toString()).thenApply(response -> new MemberState(
                response.getHeader().getMemberId(), response.getLeader(), response.isLearner(),
                new Member.Status(response.getRaftTerm(), response.getRaftIndex(), response.getRaftAppliedIndex(),
                        response.getVersion(), response.getDbSize())));
    }

    /** A member's own view: its id, the leader it follows, whether it is a learner, its raft status. */
    public record MemberState(long memberId, long leaderId, boolean learner, Member.Status status) {
    }

    /** The underlying client, for key-value calls. */
    public Client client() {
        return client;
    }

    private <T> T await(CompletableFuture<T> call, String what) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            throw new ClusterCallException(what, EtcdError.OTHER, e);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new ClusterCallException(what + " (no answer within " + timeout.toMillis() + " ms)", EtcdError.UNREACHABLE, e);
        } catch (ExecutionException e) {
            throw new ClusterCallException(what, EtcdError.of(e.getCause()), e.getCause());
        }
    }

    static Member toMember(io.etcd.jetcd.cluster.Member m) {
        return new Member(m.getId(), m.getName(), m.getPeerURIs(), m.getClientURIs(), m.isLearner(), false,
                Optional.empty());
    }

    @Override
    public void close() {
        client.close();
    }
}
