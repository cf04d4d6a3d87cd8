/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.internal.binary.Executables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Starts etcd children so that they belong to this JVM's lifetime:
 * <ul>
 *   <li>{@code setsid}: a session of their own, so a terminal's Ctrl-C reaches only the JVM, which
 *       then stops them in order;</li>
 *   <li>{@code setpriv --pdeathsig KILL} (util-linux 2.33 and later): the kernel kills the child
 *       when the JVM dies, even by SIGKILL, and even when the child is stopped (SIGSTOP). Linux
 *       takes the <em>thread</em> that spawned a child as its parent, so children are spawned on
 *       launcher threads that live as long as the JVM.</li>
 * </ul>
 * Both programs exec in place: the child keeps its pid. Where no {@code setpriv} with
 * {@code --pdeathsig} works (not Linux, BusyBox, older util-linux), {@link #endsWithJvm()} is
 * false and the caller guards the child with an {@link OrphanGuard}.
 */
final class ChildLauncher {

    private static final String PATH = System.getenv().getOrDefault("PATH", "");
    private static final Optional<Path> SETSID = Executables.onPath("setsid", PATH);
    private static final long PROBE_TIMEOUT_SECONDS = 5;
    private static final List<String> PARENT_DEATH_SIGNAL = List.of("--pdeathsig", "KILL", "--");
    /** Initialized after {@link #PARENT_DEATH_SIGNAL}, which the probe in {@link #setsParentDeathSignal} uses. */
    private static final Optional<Path> SETPRIV = Executables.onPath("setpriv", PATH).filter(ChildLauncher::setsParentDeathSignal);
    private static final int LAUNCHER_THREADS = 4;

    /** Never shut down, and tasks are submitted (not executed), so no launcher thread ever ends. */
    private static final ExecutorService LAUNCHERS = Executors.newFixedThreadPool(LAUNCHER_THREADS, new LauncherThreads());

    private ChildLauncher() {
    }

    /** Whether the kernel kills children when this JVM dies. */
    static boolean endsWithJvm() {
        return SETPRIV.isPresent();
    }

    /** Starts the command in a session of its own, tied to this JVM's life where the system allows. */
    static Process start(ProcessBuilder builder) throws IOException {
        builder.command(wrap(builder.command(), true));
        return spawnOnLauncherThread(builder);
    }

    /** The command, run in a session of its own (for helper processes that must not die of Ctrl-C). */
    static List<String> detached(List<String> command) {
        return wrap(command, false);
    }

    /** Whether this setpriv knows {@code --pdeathsig} (older util-linux and BusyBox do not). */
    private static boolean setsParentDeathSignal(Path setpriv) {
        List<String> probe = new ArrayList<>(List.of(setpriv.toString()));
        probe.addAll(PARENT_DEATH_SIGNAL);
        probe.add("true");
        try {
            Process process = new ProcessBuilder(probe).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(PROBE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static List<String> wrap(List<String> command, boolean endWithJvm) {
        List<String> wrapped = new ArrayList<>(command.size() + 5);
        SETSID.ifPresent(setsid -> wrapped.add(setsid.toString()));
        if (endWithJvm) {
            SETPRIV.ifPresent(setpriv -> {
                wrapped.add(setpriv.toString());
                wrapped.addAll(PARENT_DEATH_SIGNAL);
            });
        }
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Spawns on a launcher thread and waits for it (a spawn takes milliseconds). An interrupt is
     * kept for the caller but does not abandon the spawn, so that no child goes untracked.
     */
    private static Process spawnOnLauncherThread(ProcessBuilder builder) throws IOException {
        Future<Process> spawned = LAUNCHERS.submit(builder::start);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return spawned.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("Spawning " + builder.command() + " failed", cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class LauncherThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "embedded-etcd-launcher-" + count.incrementAndGet());
            t.setDaemon(true);
            // they live as long as the JVM: they must not pin the context of whichever thread came first
            t.setContextClassLoader(ChildLauncher.class.getClassLoader());
            return t;
        }
    }
}
