/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.recovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.embeddedetcd.config.ClientTls;
import io.github.embeddedetcd.config.TransportSecurity;
import io.github.embeddedetcd.internal.http.EtcdHttp;
import io.github.embeddedetcd.internal.http.EtcdResponse;
import io.github.embeddedetcd.internal.json.Json;
import io.github.embeddedetcd.internal.recovery.FormerMembers.FormerMember;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Which former members still run, and the membership they see: an etcd answers {@code /members} on
 * its peer URL with the member list of its cluster. Asked over the member's own peer TLS (its CA,
 * and its certificate where peers ask for one), all at once, each within the deadline.
 */
public final class PeerProbe {

    private PeerProbe() {
    }

    /**
     * A former member that answered on a peer URL: the members of the cluster as it sees them, or,
     * when its answer could not be read (TLS refused, an error status, not etcd's JSON), why not.
     */
    public record Answer(FormerMember member, List<FormerMember> sees, String unreadable) {

        public boolean isReadable() {
            return unreadable == null;
        }
    }

    /**
     * The answers of the members that answer on one of their peer URLs within the timeout. Only a
     * refused connection or no answer in time counts as down: anything else is an answer, readable
     * or not, for a running member must never be taken for a gone one.
     */
    public static List<Answer> ask(List<FormerMember> members, TransportSecurity peerTls, Duration timeout) {
        EtcdHttp http = EtcdHttp.forTls(clientTls(peerTls));
        List<CompletableFuture<Optional<Answer>>> answers = new ArrayList<>();
        for (FormerMember member : members) {
            List<CompletableFuture<Optional<Answer>>> perUrl = member.peerUrls().stream()
                    .map(url -> http.get(url.resolve("/members"), timeout)
                            .handle((response, failure) -> answer(member, url, response, failure)))
                    .toList();
            answers.add(CompletableFuture.allOf(perUrl.toArray(CompletableFuture[]::new)).thenApply(done ->
                    perUrl.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                            .min(Comparator.comparing(Answer::isReadable).reversed())));
        }
        // each request ends within its timeout (EtcdHttp's deadline), so these joins are bounded
        return answers.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList();
    }

    private static Optional<Answer> answer(FormerMember member, URI url, EtcdResponse response, Throwable failure) {
        if (failure != null) {
            return isDown(failure) ? Optional.empty()
                    : Optional.of(new Answer(member, List.of(), url + " answered, but not readably: " + rootCause(failure)));
        }
        if (response.statusCode() != 200) {
            return Optional.of(new Answer(member, List.of(), url + "/members answered HTTP " + response.statusCode()));
        }
        try {
            JsonNode list = Json.parse(response.body());
            if (list.isArray()) {
                List<FormerMember> members = new ArrayList<>();
                list.forEach(seen -> members.add(FormerMembers.parse(seen)));
                return Optional.of(new Answer(member, List.copyOf(members), null));
            }
        } catch (IOException | RuntimeException notEtcd) {
            // said below
        }
        return Optional.of(new Answer(member, List.of(), url + "/members did not answer with etcd's member list"));
    }

    private static boolean isDown(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException || cause instanceof TimeoutException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static ClientTls clientTls(TransportSecurity peer) {
        ClientTls tls = new ClientTls(peer.trustedCaFile(), null, null, peer.autoTls() && peer.trustedCaFile() == null);
        return peer.certFile() != null && peer.keyFile() != null ? tls.withClientCertificate(peer.certFile(), peer.keyFile())
                : tls;
    }

    /** A peer URL on loopback with this port and the scheme of the given one: reachable from this host only. */
    public static URI loopback(URI like, int port) {
        return URI.create(like.getScheme() + "://127.0.0.1:" + port);
    }
}
