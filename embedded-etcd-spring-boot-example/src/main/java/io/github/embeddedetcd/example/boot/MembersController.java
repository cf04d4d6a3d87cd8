/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.example.boot;

import io.github.embeddedetcd.EmbeddedEtcd;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** {@code GET /members}: the cluster as this instance's member saw it at its last membership poll. */
@RestController
class MembersController {

    private final EmbeddedEtcd etcd;

    MembersController(EmbeddedEtcd etcd) {
        this.etcd = etcd;
    }

    record MemberView(String name, String id, List<URI> peerUrls, List<URI> clientUrls, boolean learner, boolean leader) {
    }

    @GetMapping("/members")
    List<MemberView> members() {
        return etcd.knownMembers().stream()
                .map(m -> new MemberView(m.name(), m.idHex(), m.peerUrls(), m.clientUrls(), m.learner(), m.leader()))
                .toList();
    }
}
