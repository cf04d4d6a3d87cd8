/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.bench.suite;

import io.github.embeddedetcd.testkit.EtcdCluster;

import java.util.List;

/**
 * Twenty test classes that declare one shared three-node cluster ({@code @EtcdCluster(nodes = 3,
 * shared = true)}); with {@link io.github.embeddedetcd.testkit.EtcdCluster#SHARED_PARAMETER} false,
 * each gets a cluster of its own.
 */
public final class SuiteClasses {

    /** The twenty classes, for the launcher to select. */
    public static final List<Class<?>> CLASSES = List.of(C01.class, C02.class, C03.class, C04.class, C05.class, C06.class, C07.class, C08.class, C09.class, C10.class, C11.class, C12.class, C13.class, C14.class, C15.class, C16.class, C17.class, C18.class, C19.class, C20.class);

    private SuiteClasses() {
    }

    @EtcdCluster(nodes = 3, shared = true)
    abstract static class Base extends SuiteTests {
    }

    static final class C01 extends Base {
    }

    static final class C02 extends Base {
    }

    static final class C03 extends Base {
    }

    static final class C04 extends Base {
    }

    static final class C05 extends Base {
    }

    static final class C06 extends Base {
    }

    static final class C07 extends Base {
    }

    static final class C08 extends Base {
    }

    static final class C09 extends Base {
    }

    static final class C10 extends Base {
    }

    static final class C11 extends Base {
    }

    static final class C12 extends Base {
    }

    static final class C13 extends Base {
    }

    static final class C14 extends Base {
    }

    static final class C15 extends Base {
    }

    static final class C16 extends Base {
    }

    static final class C17 extends Base {
    }

    static final class C18 extends Base {
    }

    static final class C19 extends Base {
    }

    static final class C20 extends Base {
    }
}
