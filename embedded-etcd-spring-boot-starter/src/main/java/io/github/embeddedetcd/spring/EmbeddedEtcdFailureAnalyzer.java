/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.spring;

import io.github.embeddedetcd.EmbeddedEtcdException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A context that fails because of the member reports the library's message (what went wrong,
 * where, what to do) instead of a wall of bean-creation stack traces.
 */
class EmbeddedEtcdFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedEtcdException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedEtcdException cause) {
        return new FailureAnalysis("The embedded etcd member could not start: " + cause.getMessage(),
                "Do what the message above says, or switch the member off with "
                        + EmbeddedEtcdProperties.PREFIX + ".enabled=false.", cause);
    }
}
