/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where one member is in its life, held in one place and changed atomically: {@link Stopped},
 * {@link Starting}, {@link Running} or {@link Stopping}; a member cycles through them any number of
 * times. Only the thread that entered a passing state (starting, stopping) leaves it, so no two
 * threads ever race over a transition; others wait for it (bounded) or act on what they see.
 * Nothing here holds a lock while etcd is signalled or waited for.
 */
final class Lifecycle {

    sealed interface State permits Stopped, Starting, Running, Stopping {
    }

    record Stopped() implements State {
    }

    /** A start (or registration) under way; {@code settled} completes when it has ended either way. */
    record Starting(Cancellation cancellation, CompletableFuture<Void> settled) implements State {
    }

    /** Running; {@code stopped} completes once the member is stopped again (see {@link EmbeddedEtcd#onStop()}). */
    record Running(MemberRun run, CompletableFuture<Void> stopped) implements State {
    }

    /** A stop under way; {@code done} completes when etcd is gone. */
    record Stopping(MemberRun run, CompletableFuture<Void> done, CompletableFuture<Void> stopped) implements State {
    }

    private static final State STOPPED = new Stopped();

    private final EmbeddedEtcd owner;
    private final Duration settleWait;
    private final AtomicReference<State> state = new AtomicReference<>(STOPPED);

    /** @param settleWait how long a stop waits for a start or stop already under way on another thread */
    Lifecycle(EmbeddedEtcd owner, Duration settleWait) {
        this.owner = owner;
        this.settleWait = settleWait;
    }

    State state() {
        return state.get();
    }

    /**
     * Runs a start: enters {@link Starting} (refused unless stopped) and leaves it for
     * {@link Running} with the run the starter returns, or for {@link Stopped} when it fails or a
     * stop cut it short.
     */
    MemberRun start(Function<Cancellation, MemberRun> starter) {
        Starting starting = enterStarting();
        MemberRun run = null;
        Running running = null;
        try {
            run = starter.apply(starting.cancellation());
            if (starting.cancellation().isRequested()) {
                throw cutShort(null);
            }
            RunningMembers.add(owner);
            running = new Running(run, new CompletableFuture<>());
        } catch (RuntimeException | Error e) {
            try {
                if (run != null) {
                    run.stop();
                }
            } finally {
                leave(starting, STOPPED);
            }
            if (starting.cancellation().isRequested() && run == null) {
                throw cutShort(e);
            }
            throw e;
        }
        leave(starting, running);
        if (run.ended().isDone()) {
            endedByItself(run);
            throw run.failureRightAfterStart();
        }
        return run;
    }

    /** Runs an operation that must not overlap a run (registering a join): starting, then stopped again. */
    <T> T withoutRun(Function<Cancellation, T> operation) {
        Starting starting = enterStarting();
        try {
            return operation.apply(starting.cancellation());
        } catch (RuntimeException e) {
            throw starting.cancellation().isRequested() ? cutShort(e) : e;
        } finally {
            leave(starting, STOPPED);
        }
    }

    /**
     * Stops the member with {@code how} (stop or kill) and returns once it is stopped. A start under
     * way is cancelled and waited for; a stop under way on another thread is waited for.
     *
     * @throws EmbeddedEtcdException when a start or stop on another thread did not end in time
     */
    void stop(Consumer<MemberRun> how) {
        long deadline = System.nanoTime() + settleWait.toNanos();
        while (true) {
            State current = state.get();
            if (current instanceof Stopped) {
                return;
            }
            if (current instanceof Starting starting) {
                starting.cancellation().cancel();
                await(starting.settled(), "its start", deadline);
            } else if (current instanceof Stopping stopping) {
                await(stopping.done(), "a stop on another thread", deadline);
                return;
            } else if (current instanceof Running running) {
                Stopping stopping = new Stopping(running.run(), new CompletableFuture<>(), running.stopped());
                if (state.compareAndSet(running, stopping)) {
                    try {
                        how.accept(running.run());
                    } finally {
                        leave(stopping, STOPPED);
                    }
                    return;
                }
            }
        }
    }

    /** A run that ended by itself (removal, crash): the member is stopped, unless a stop already handles it. */
    void endedByItself(MemberRun run) {
        State current = state.get();
        if (current instanceof Running running && running.run() == run && state.compareAndSet(current, STOPPED)) {
            RunningMembers.remove(owner);
            running.stopped().complete(null);
        }
    }

    /** Completes once the current run (if any) has ended and the member is stopped, ready to start again. */
    CompletableFuture<Void> stopped() {
        State current = state.get();
        if (current instanceof Running running) {
            return running.stopped().copy();
        }
        if (current instanceof Stopping stopping) {
            return stopping.stopped().copy();
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The current run, when running. */
    Optional<MemberRun> running() {
        return state.get() instanceof Running running ? Optional.of(running.run()) : Optional.empty();
    }

    /** The run that is running or being stopped, if any. */
    Optional<MemberRun> runningOrStopping() {
        State current = state.get();
        if (current instanceof Running running) {
            return Optional.of(running.run());
        }
        return current instanceof Stopping stopping ? Optional.of(stopping.run()) : Optional.empty();
    }

    /** The current run; refuses when not running. */
    MemberRun requireRunning() {
        State current = state.get();
        if (current instanceof Running running) {
            return running.run();
        }
        throw new IllegalStateException("etcd member '" + owner.name() + "' is not running (" + describe(current)
                + "); call start() first");
    }

    private Starting enterStarting() {
        Starting starting = new Starting(new Cancellation(), new CompletableFuture<>());
        State current = state.get();
        if (!(current instanceof Stopped) || !state.compareAndSet(current, starting)) {
            throw new IllegalStateException("etcd member '" + owner.name() + "' is already " + describe(state.get()));
        }
        return starting;
    }

    /** Leaves a passing state; only the thread that entered it calls this. */
    private void leave(State passing, State next) {
        state.set(next);
        if (next instanceof Stopped) {
            RunningMembers.remove(owner);
        }
        if (passing instanceof Starting starting) {
            starting.settled().complete(null);
        } else if (passing instanceof Stopping stopping) {
            stopping.done().complete(null);
            stopping.stopped().complete(null);
        }
    }

    private void await(CompletableFuture<Void> transition, String what, long deadline) {
        try {
            transition.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new EmbeddedEtcdException("Stopping etcd member '" + owner.name() + "' gave up waiting for " + what
                    + " after " + settleWait.toMillis() + " ms. Check the log of logger '"
                    + MemberRun.loggerName(owner.name()) + "' for what it was doing, and call close() again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedEtcdException("Interrupted while stopping etcd member '" + owner.name() + "'", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a lifecycle transition never fails", e);
        }
    }

    private EmbeddedEtcdException cutShort(Throwable cause) {
        return new EmbeddedEtcdException("Start of member '" + owner.name() + "' was cut short by a stop (close() or "
                + "kill() on another thread)", cause);
    }

    private static String describe(State state) {
        return state.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
