/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.util.List;

/** No member of the cluster has the name asked for; the message and {@link #members()} list those it has. */
public class MemberNotFoundException extends EmbeddedEtcdException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final transient List<Member> members;

    public MemberNotFoundException(String name, List<Member> members, String message) {
        super(message);
        this.name = name;
        this.members = List.copyOf(members);
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }

    /** The members the cluster had when asked. */
    public List<Member> members() {
        return members;
    }
}
