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
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Which former members still run, and the membership they see: an etcd answers {@code /members} on
 * its peer URL with the member list of its cluster. Asked over the member's own peer TLS (its CA,
 * and its certificate where peers ask for one), all at once, each within the deadline.
 */
public final class PeerProbe {

    private PeerProbe() {
    }

    /** A former member that answered, and the members of the cluster as it sees them. */
    public record Answer(FormerMember member, List<FormerMember> sees) {
    }

    /** The answers of the members that answer on one of their peer URLs within the timeout. */
    public static List<Answer> ask(List<FormerMember> members, TransportSecurity peerTls, Duration timeout) {
        EtcdHttp http = EtcdHttp.forTls(clientTls(peerTls));
        List<CompletableFuture<Optional<List<FormerMember>>>> answers = new ArrayList<>();
        for (FormerMember member : members) {
            List<CompletableFuture<Optional<List<FormerMember>>>> perUrl = member.peerUrls().stream()
                    .map(url -> http.get(url.resolve("/members"), timeout).thenApply(PeerProbe::membership)
                            .exceptionally(failure -> Optional.empty()))
                    .toList();
            answers.add(CompletableFuture.allOf(perUrl.toArray(CompletableFuture[]::new)).thenApply(done ->
                    perUrl.stream().map(CompletableFuture::join).flatMap(Optional::stream).findFirst()));
        }
        List<Answer> answering = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Optional<List<FormerMember>> seen = answers.get(i).join();
            if (seen.isPresent()) {
                answering.add(new Answer(members.get(i), seen.get()));
            }
        }
        return answering;
    }

    private static Optional<List<FormerMember>> membership(EtcdResponse response) {
        if (response.statusCode() != 200) {
            return Optional.empty();
        }
        try {
            JsonNode list = Json.parse(response.body());
            if (!list.isArray()) {
                return Optional.empty();
            }
            List<FormerMember> members = new ArrayList<>();
            list.forEach(member -> members.add(FormerMembers.parse(member)));
            return Optional.of(List.copyOf(members));
        } catch (IOException | RuntimeException notEtcd) {
            return Optional.empty();
        }
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
