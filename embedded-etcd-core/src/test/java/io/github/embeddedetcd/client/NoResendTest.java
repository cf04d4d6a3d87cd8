/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.client;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.github.embeddedetcd.EtcdAdmin;
import io.github.embeddedetcd.FreePorts;
import io.github.embeddedetcd.Waits;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The clients the library hands out never send a write twice: a put answered UNAVAILABLE (as etcd
 * answers "leader changed" or "request timed out", after which the first attempt may still be applied)
 * reaches the server once. Reads, which are safe to repeat, are retried — the control that shows a
 * resend would be counted. A server that answers every call with UNAVAILABLE stands in for etcd.
 */
class NoResendTest {

    private final AtomicInteger puts = new AtomicInteger();
    private final AtomicInteger ranges = new AtomicInteger();
    private Server server;

    @AfterEach
    void stop() throws InterruptedException {
        server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }

    @Test
    void aPutAnsweredUnavailableIsSentOnceAndAReadIsRetried() throws Exception {
        int port = FreePorts.next();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(new UnavailableKv()).build().start();
        ByteSequence key = ByteSequence.from("k", StandardCharsets.UTF_8);

        try (Client client = EtcdAdmin.connect(List.of(URI.create("http://127.0.0.1:" + port))).newClient()) {
            assertThatThrownBy(() -> client.getKVClient().put(key, key).get(Waits.CALL.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("UNAVAILABLE");
            assertThatThrownBy(() -> client.getKVClient().get(key).get(Waits.RECOVERY.toMillis(), TimeUnit.MILLISECONDS))
                    .isInstanceOf(ExecutionException.class);
        }

        assertThat(puts).hasValue(1);
        assertThat(ranges.get()).isGreaterThan(1);
    }

    private final class UnavailableKv extends KVGrpc.KVImplBase {
        @Override
        public void put(PutRequest request, StreamObserver<PutResponse> response) {
            puts.incrementAndGet();
            response.onError(Status.UNAVAILABLE.withDescription("etcdserver: leader changed").asRuntimeException());
        }

        @Override
        public void range(RangeRequest request, StreamObserver<RangeResponse> response) {
            ranges.incrementAndGet();
            response.onError(Status.UNAVAILABLE.withDescription("etcdserver: leader changed").asRuntimeException());
        }
    }
}
