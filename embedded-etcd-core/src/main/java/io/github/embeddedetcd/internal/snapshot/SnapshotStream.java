/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.snapshot;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.SnapshotResponse;
import io.github.embeddedetcd.internal.util.Sha256;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * etcd's Maintenance snapshot stream written to a file, checked as it arrives: etcd sends the
 * database in chunks and then its SHA-256 in a chunk of its own, and the file keeps both, as
 * {@code etcdctl snapshot save} does (its restore checks the hash). The stream has no deadline of
 * its own in jetcd, so it is bounded by progress: when no chunk arrives for the stall timeout, the
 * caller's client is closed, which ends the stream.
 */
final class SnapshotStream implements StreamObserver<SnapshotResponse> {

    private static final int SHA256_BYTES = 32;

    private final FileChannel out;
    private final MessageDigest digest;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();
    /** The last 32 bytes seen: the hash once the stream ends, and database bytes while it goes on. */
    private byte[] tail = new byte[0];

    /** A stream into {@code out}; fed by etcd's Maintenance client through {@link #write}, by hand in tests. */
    SnapshotStream(FileChannel out) {
        this.out = out;
        this.digest = Sha256.newDigest();
    }

    /** What arrived: the bytes written and the database's hash, checked against the one etcd sent. */
    record Received(long bytes, String sha256) {
    }

    /**
     * Streams the snapshot of the member {@code client} talks to into {@code out}.
     *
     * @throws IOException saying what went wrong: etcd's error, a stall, a hash that does not match
     */
    static Received write(Client client, FileChannel out, Path file, Duration stallTimeout) throws IOException {
        SnapshotStream stream = new SnapshotStream(out);
        client.getMaintenanceClient().snapshot(stream);
        long seen = -1;
        while (true) {
            try {
                stream.done.get(stallTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return stream.checked(file);
            } catch (TimeoutException e) {
                long now = stream.received.get();
                if (now == seen) {
                    IOException stalled = new IOException("the snapshot stream stalled: no data for "
                            + stallTimeout.toMillis() + " ms after " + now + " bytes");
                    stream.done.completeExceptionally(stalled); // chunks that still come are dropped
                    throw stalled;
                }
                seen = now;
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                IOException interrupted = new IOException("interrupted while taking a snapshot", e);
                stream.done.completeExceptionally(interrupted);
                throw interrupted;
            }
        }
    }

    @Override
    public synchronized void onNext(SnapshotResponse response) {
        if (done.isDone()) {
            return;
        }
        byte[] blob = response.getBlob().toByteArray();
        try {
            ByteBuffer buffer = ByteBuffer.wrap(blob);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        } catch (IOException | RuntimeException e) {
            done.completeExceptionally(e);
            return;
        }
        if (blob.length >= SHA256_BYTES) {
            // the held-back bytes were database after all; this chunk's last 32 may be the hash
            digest.update(tail);
            digest.update(blob, 0, blob.length - SHA256_BYTES);
            tail = Arrays.copyOfRange(blob, blob.length - SHA256_BYTES, blob.length);
        } else {
            byte[] all = new byte[tail.length + blob.length];
            System.arraycopy(tail, 0, all, 0, tail.length);
            System.arraycopy(blob, 0, all, tail.length, blob.length);
            int database = Math.max(0, all.length - SHA256_BYTES);
            digest.update(all, 0, database);
            tail = Arrays.copyOfRange(all, database, all.length);
        }
        received.addAndGet(blob.length);
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onCompleted() {
        done.complete(null);
    }

    /** What arrived, once the stream completed: its length and hash, checked against the one etcd appended. */
    synchronized Received checked(Path file) throws IOException {
        byte[] computed = digest.digest();
        if (tail.length != SHA256_BYTES || !Arrays.equals(computed, tail)) {
            throw new IOException("the snapshot etcd sent does not match its own SHA-256 (" + received.get()
                    + " bytes received into " + file + "); it was damaged on the way or cut short");
        }
        return new Received(received.get(), HexFormat.of().formatHex(computed));
    }
}
