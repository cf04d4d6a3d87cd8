/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The members a test made, closed after each test, leader first:
 * {@code @RegisterExtension final Members members = new Members();}.
 */
public final class Members implements AfterEachCallback {

    private final List<EmbeddedEtcd> all = new ArrayList<>();

    /** Keeps the member to close it after the test; returns it. */
    public EmbeddedEtcd add(EmbeddedEtcd member) {
        all.add(member);
        return member;
    }

    /** Builds the member without service-loaded listeners, keeps it, starts it. */
    public EmbeddedEtcd start(EmbeddedEtcd.Builder builder) {
        return add(builder.serviceLoaderListeners(false).build()).start();
    }

    public Stream<EmbeddedEtcd> stream() {
        return all.stream();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        EmbeddedEtcd.closeAll(all);
        all.clear();
    }
}
