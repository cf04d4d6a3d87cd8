/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

/** What happens to a test cluster's data dirs when it is closed (as JUnit's {@code @TempDir} cleanup modes). */
public enum Cleanup {
    /** Delete them. The default. */
    ALWAYS,
    /** Delete them unless a test that used the cluster failed; kept ones are logged with their path. */
    ON_SUCCESS,
    /** Keep them; their path is logged. */
    NEVER
}
