/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.embeddedetcd.AuthenticationException;
import io.github.embeddedetcd.Member;
import io.github.embeddedetcd.MemberStatus;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.internal.http.EtcdResponse;
import io.github.embeddedetcd.internal.json.Json;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The membership and status calls the library makes, through etcd's JSON gateway ({@code /v3/...}
 * on the client URL) over {@link EtcdHttp}, each with a deadline. (jetcd opens a new gRPC channel
 * for every status call.) Failures come back as {@link ClusterCallException} carrying the
 * recognised {@link EtcdError}.
 */
public final class ClusterCalls {

    /** What {@code /version} says while a new cluster has not agreed on its version yet. */
    private static final String VERSION_NOT_DECIDED = "not_decided";
    /** etcd's answer to a client certificate with a Common Name, with client-cert-auth and authentication on. */
    private static final String GATEWAY_REFUSES_COMMON_NAME = "CommonName of client sending a request against gateway";

    private static final String MEMBER_LIST = "/v3/cluster/member/list";

    private final List<URI> endpoints;
    private final EtcdAccess access;

    private ClusterCalls(List<URI> endpoints, EtcdAccess access) {
        this.endpoints = List.copyOf(endpoints);
        this.access = access;
    }

    /** Calls to the cluster at these client URLs (tried in order while unreachable), each within the access's timeout. */
    public static ClusterCalls connect(List<URI> endpoints, EtcdAccess access) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no client URL to call");
        }
        return new ClusterCalls(endpoints, access);
    }

    /** The first client URL these calls go to. */
    URI endpoint() {
        return endpoints.get(0);
    }

    /** How these calls reach the cluster. */
    public EtcdAccess access() {
        return access;
    }

    /** The members (without leader flag or status), with the id and raft term of the member that answered. */
    public Membership members() {
        return membership(call(MEMBER_LIST, Json.object(), "list members", false));
    }

    /**
     * The member list each of these client URLs answers, asked all at once, each within the
     * deadline; URLs that did not answer are left out.
     */
    public Map<URI, Membership> memberLists(List<URI> clientUrls) {
        return answered(clientUrls, url -> send(url, MEMBER_LIST, Json.object(), "list members via " + url, false)
                .thenApply(ClusterCalls::membership));
    }

    private static Membership membership(JsonNode answer) {
        JsonNode header = answer.path("header");
        return new Membership(toMembers(answer.path("members")), id(header.path("member_id")),
                id(header.path("cluster_id")), header.path("raft_term").asLong());
    }

    /** A member list; a changed raft term means an election happened since the last one. */
    public record Membership(List<Member> members, long answeredBy, long clusterId, long raftTerm) {
    }

    /** Adds a learner with these peer URLs; returns it and the members after the change. */
    public Added addLearner(List<URI> peerUrls) {
        ObjectNode request = Json.object().put("isLearner", true);
        request.set("peerURLs", Json.urls(peerUrls));
        JsonNode answer = call("/v3/cluster/member/add", request, "add learner " + peerUrls, true);
        return new Added(toMember(answer.path("member")), toMembers(answer.path("members")));
    }

    /** The members after an add, including the added one. */
    public record Added(Member member, List<Member> members) {
    }

    public void promote(long memberId) {
        call("/v3/cluster/member/promote", idRequest(memberId), "promote member " + Long.toHexString(memberId), true);
    }

    public void remove(long memberId) {
        call("/v3/cluster/member/remove", idRequest(memberId), "remove member " + Long.toHexString(memberId), true);
    }

    /** What the member at this client URL says of itself. */
    public MemberStatus status(URI clientUrl) {
        try {
            return statusAsync(clientUrl).join();
        } catch (CompletionException e) {
            throw failure(e, "status of " + clientUrl);
        }
    }

    /** The status of several members at once, each within the deadline; members that did not answer are left out. */
    public Map<URI, MemberStatus> statuses(List<URI> clientUrls) {
        return answered(clientUrls, this::statusAsync);
    }

    /** One call per URL, all at once; each ends within the deadline, so the joins are bounded. */
    private static <T> Map<URI, T> answered(List<URI> clientUrls, Function<URI, CompletableFuture<T>> call) {
        Map<URI, CompletableFuture<T>> calls = new LinkedHashMap<>();
        clientUrls.forEach(url -> calls.put(url, call.apply(url)));
        Map<URI, T> answers = new LinkedHashMap<>();
        calls.forEach((url, pending) -> {
            try {
                answers.put(url, pending.join());
            } catch (CompletionException noAnswer) {
                // best effort: a member that is down does not answer
            }
        });
        return answers;
    }

    private CompletableFuture<MemberStatus> statusAsync(URI clientUrl) {
        return send(clientUrl, "/v3/maintenance/status", Json.object(), "status of " + clientUrl, false)
                .thenApply(a -> new MemberStatus(id(a.path("header").path("member_id")), id(a.path("leader")),
                        a.path("isLearner").asBoolean(), new Member.Status(a.path("raftTerm").asLong(),
                        a.path("raftIndex").asLong(), a.path("raftAppliedIndex").asLong(), a.path("version").asText(),
                        a.path("dbSize").asLong(), a.path("dbSizeInUse").asLong(),
                        a.path("header").path("revision").asLong())));
    }

    /**
     * The cluster version this member has applied, empty while a new cluster has not decided it
     * ({@code GET /version}). etcd refuses to start a joining member while every member it asks
     * says "not decided".
     */
    public Optional<String> clusterVersion(URI clientUrl) {
        try {
            JsonNode answer = access.http().get(clientUrl.resolve("/version"), access.timeout())
                    .handle((response, failure) -> answer(clientUrl, "version of " + clientUrl, response, failure, access))
                    .join();
            String version = answer.path("etcdcluster").asText("");
            return version.isEmpty() || version.equals(VERSION_NOT_DECIDED) ? Optional.empty() : Optional.of(version);
        } catch (CompletionException e) {
            throw failure(e, "version of " + clientUrl);
        }
    }

    /**
     * Calls the endpoints in order until one answers; etcd's own refusals are not retried elsewhere.
     *
     * @param needsUser whether etcd checks the caller's rights (membership changes need the root role);
     *                  listing members and status do not, so they never wait for a token
     */
    JsonNode call(String path, JsonNode body, String what, boolean needsUser) {
        ClusterCallException last = null;
        for (URI endpoint : endpoints) {
            try {
                return needsUser ? sendAuthenticated(endpoint, path, body, what, access.timeout())
                        : sendOnce(endpoint, path, body, what);
            } catch (ClusterCallException failure) {
                if (failure.error() != EtcdError.UNREACHABLE) {
                    throw failure;
                }
                last = failure;
            }
        }
        throw last;
    }

    private JsonNode sendOnce(URI endpoint, String path, JsonNode body, String what) {
        try {
            return send(endpoint, path, body, what, false).join();
        } catch (CompletionException e) {
            throw failure(e, what + " via " + endpoint);
        }
    }

    /**
     * Sends the call to this member alone, with the caller's rights, within this deadline: for
     * calls that act on the member they reach (a defragmentation) and may take longer than most.
     */
    JsonNode callMember(URI endpoint, String path, JsonNode body, String what, Duration timeout) {
        return sendAuthenticated(endpoint, path, body, what, timeout);
    }

    /** Sends the call; once more with a new token when etcd says the token is gone or missing. */
    private JsonNode sendAuthenticated(URI endpoint, String path, JsonNode body, String what, Duration timeout) {
        try {
            return send(endpoint, path, body, what, true, timeout).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw refused;
            }
            ClusterCallException failure = failure(e, what + " via " + endpoint);
            boolean tokenProblem = failure.error() == EtcdError.INVALID_TOKEN || failure.error() == EtcdError.NO_USER;
            if (!tokenProblem || !access.canAuthenticate()) {
                throw refusedUser(failure);
            }
            access.tokenRejected();
            try {
                return send(endpoint, path, body, what, true, timeout).join();
            } catch (CompletionException again) {
                throw refusedUser(failure(again, what + " via " + endpoint));
            }
        }
    }

    /** A call etcd refused for the user's rights says which user and what it lacks. */
    private RuntimeException refusedUser(ClusterCallException failure) {
        if (failure.error() == EtcdError.PERMISSION_DENIED || failure.error() == EtcdError.NO_USER) {
            String user = access.credentials().map(c -> "user '" + c.user() + "'").orElse("a call without a user");
            return new AuthenticationException(failure.getMessage() + ". Membership changes need an etcd user with "
                    + "the root role when authentication is on; " + user + " has not got it (set embedded.user and "
                    + "its password).", access.credentials().map(c -> c.user()).orElse(""), failure);
        }
        return failure;
    }

    /** The call's own failure, or the transport's wrapped as one. */
    static ClusterCallException failure(CompletionException e, String what) {
        return e.getCause() instanceof ClusterCallException c ? c
                : new ClusterCallException(what, EtcdError.of(e.getCause()), e.getCause());
    }

    private CompletableFuture<JsonNode> send(URI endpoint, String path, JsonNode body, String what, boolean needsUser) {
        return send(endpoint, path, body, what, needsUser, access.timeout());
    }

    private CompletableFuture<JsonNode> send(URI endpoint, String path, JsonNode body, String what, boolean needsUser,
                                             Duration timeout) {
        Map<String, String> authentication;
        try {
            authentication = needsUser ? access.authentication(endpoint) : Map.of();
        } catch (RuntimeException failure) {
            return CompletableFuture.failedFuture(failure);
        }
        return access.http().postJson(endpoint.resolve(path), Json.write(body), authentication, timeout)
                .handle((response, failure) -> answer(endpoint, what, response, failure, access));
    }

    /** The JSON etcd answered, or the failure in plain words. */
    static JsonNode answer(URI endpoint, String what, EtcdResponse response, Throwable failure, EtcdAccess access) {
        Duration timeout = access.timeout();
        ClientTls tls = access.tls();
        if (failure != null) {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            throw ClusterCallException.noAnswer(what + " via " + endpoint, Transport.whyNoAnswer(endpoint, cause, timeout, tls),
                    EtcdError.UNREACHABLE, cause);
        }
        if (response.body().contains(GATEWAY_REFUSES_COMMON_NAME)) {
            throw ClusterCallException.noAnswer(what + " via " + endpoint, "etcd's JSON gateway refuses client "
                    + "certificates with a Common Name once authentication is on (" + (tls.certFile() == null ? "the "
                    + "client certificate" : tls.certFile()) + " has one); give the library a client certificate without "
                    + "one (embedded.cert, embedded.key): the etcd user's token identifies it", EtcdError.OTHER, null);
        }
        JsonNode answer;
        try {
            answer = Json.parse(response.body().isEmpty() ? "{}" : response.body());
        } catch (IOException notJson) {
            throw ClusterCallException.noAnswer(what + " via " + endpoint, Transport.notEtcd(endpoint,
                    response.statusCode()), EtcdError.NOT_ETCD, notJson);
        }
        if (response.statusCode() != 200) {
            String error = answer.path("error").asText(answer.path("message").asText(""));
            if (error.isEmpty()) {
                throw ClusterCallException.noAnswer(what + " via " + endpoint, Transport.notEtcd(endpoint,
                        response.statusCode()), EtcdError.NOT_ETCD, null);
            }
            IOException cause = new IOException(error);
            throw new ClusterCallException(what, EtcdError.of(cause), cause);
        }
        return answer;
    }

    private static ObjectNode idRequest(long memberId) {
        return Json.object().put("ID", Long.toUnsignedString(memberId));
    }

    private static long id(JsonNode node) {
        return node.isMissingNode() || node.asText().isEmpty() ? 0 : Long.parseUnsignedLong(node.asText());
    }

    private static List<Member> toMembers(JsonNode array) {
        List<Member> members = new ArrayList<>();
        array.forEach(m -> members.add(toMember(m)));
        return members;
    }

    private static Member toMember(JsonNode m) {
        return new Member(id(m.path("ID")), m.path("name").asText(""), Json.urls(m.path("peerURLs")),
                Json.urls(m.path("clientURLs")), m.path("isLearner").asBoolean(false), false, Optional.empty());
    }
}
