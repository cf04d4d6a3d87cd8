/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.upkeep;

import java.util.Arrays;
import java.util.Optional;

/**
 * An alarm etcd raised for one member. While one is armed the cluster refuses writes that need
 * space (NOSPACE: deletes still pass) or, for CORRUPT, every request.
 *
 * @param memberId the member it was raised for
 * @param type     what was raised
 */
public record Alarm(long memberId, Type type) {

    /** etcd's alarm types. */
    public enum Type {
        /** The member's database reached {@code quota-backend-bytes}: etcd takes no more puts. */
        NOSPACE,
        /** The member's data differs from the others' at the same revision. */
        CORRUPT;

        /** The type etcd names so; empty for one it adds later. */
        public static Optional<Type> of(String name) {
            return Arrays.stream(values()).filter(t -> t.name().equals(name)).findFirst();
        }
    }

    @Override
    public String toString() {
        return type + " alarm of member " + String.format("%016x", memberId);
    }
}
