/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.process;

import io.github.embeddedetcd.EmbeddedEtcdException;
import io.github.embeddedetcd.EtcdBinary;
import io.github.embeddedetcd.EtcdStartException;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.internal.cluster.EtcdAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One run of an etcd child process: started with a clean environment, its output forwarded to
 * SLF4J, guarded against outliving the JVM, and stopped with SIGTERM, a bounded wait, then SIGKILL.
 */
public final class EtcdProcess {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdProcess.class);
    private static final long READY_POLL_MILLIS = 10;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);
    /** Before etcd logs that it serves clients, /health is asked this rarely: a fallback, not the signal. */
    private static final long UNSIGNALLED_PROBE_MILLIS = 100;
    private static final long KILL_WAIT_SECONDS = 5;
    private static final long OUTPUT_DRAIN_MILLIS = 1000;

    private final String name;
    private final Process process;
    private final EtcdOutput output;
    /** Whether etcd logs at info, so that its "serving client traffic" line can be waited for. */
    private final boolean logsServingClients;
    /** Only where the kernel cannot end etcd with the JVM ({@link ChildLauncher#endsWithJvm()}); spawned off the start path. */
    private final CompletableFuture<Optional<OrphanGuard>> guard;
    /** Completes with the exit code, on this process's own exit watcher thread. */
    private final CompletableFuture<Integer> exited = new CompletableFuture<>();

    private EtcdProcess(String name, Process process, EtcdOutput output, boolean logsServingClients) {
        this.name = name;
        this.logsServingClients = logsServingClients;
        this.process = process;
        this.output = output;
        this.guard = ChildLauncher.endsWithJvm() ? CompletableFuture.completedFuture(Optional.empty())
                : CompletableFuture.supplyAsync(() -> OrphanGuard.watch(process.toHandle()), OrphanGuard.SPAWNER);
        watchExit();
    }

    /**
     * Waits for etcd's exit on a thread of its own, which then runs what follows the exit.
     * {@link Process#onExit()} would run it on the common ForkJoin pool, which has a single thread
     * on a 2-core machine and may be busy with an application's tasks: the library's handlers (which
     * wait for the output to drain and stop the monitor) must neither wait for it nor hold it.
     */
    private void watchExit() {
        Thread watcher = new Thread(() -> {
            while (true) {
                try {
                    int code = process.waitFor();
                    dismissGuard();
                    exited.complete(code);
                    return;
                } catch (InterruptedException e) {
                    // only this process's exit ends the watch
                }
            }
        }, "embedded-etcd-exit-" + name);
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Starts etcd without waiting for it; follow with {@link #awaitHealthy(URI, Duration, EtcdAccess)}.
     *
     * @throws EmbeddedEtcdException when a listen port is taken or the binary cannot run
     */
    public static EtcdProcess launch(EtcdBinary binary, EtcdConfig config, ClusterState state) {
        Ports.requireFree(config);
        List<String> command = EtcdCommandLine.of(binary, config, state);
        LOG.debug("Starting etcd member '{}': {}", config.name(), command);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        cleanEnvironment(builder.environment());
        EtcdOutput output = new EtcdOutput(config.name());
        Process process;
        try {
            process = ChildLauncher.start(builder);
        } catch (IOException e) {
            throw new EmbeddedEtcdException("Cannot run " + binary.path() + " for member '" + config.name() + "': "
                    + e.getMessage() + ". Check that the file is an etcd executable for this machine.", e);
        }
        output.pump(process.getInputStream(), "etcd-" + config.name() + "-output");
        return new EtcdProcess(config.name(), process, output, logsServingClients(config));
    }

    /** Whether etcd logs at info or below, and so says when it serves clients. */
    static boolean logsServingClients(EtcdConfig config) {
        return config.logLevel() == null || List.of("debug", "info").contains(config.logLevel());
    }

    /** etcd reads ETCD_* variables as flags: the child must see only what we pass on its command line. */
    private static void cleanEnvironment(Map<String, String> env) {
        env.keySet().removeIf(key -> key.startsWith("ETCD_") && !key.equals("ETCD_UNSUPPORTED_ARCH"));
    }

    /**
     * Returns once {@code /health} at the client URL says healthy. {@code /health} is asked as soon
     * as etcd logs that it serves clients, then every 10 ms; before that line only every 100 ms, so
     * that a start does not spend the CPU etcd needs on connection attempts. With etcd's log level
     * above info, that line never comes, and {@code /health} is asked every 10 ms from the start.
     *
     * @throws EtcdStartException when etcd exits or is not healthy within the timeout; the
     *                            process is gone when this is thrown
     */
    public void awaitHealthy(URI clientUrl, Duration timeout, EtcdAccess access) {
        HealthProbe probe = new HealthProbe(clientUrl, access, PROBE_TIMEOUT);
        long deadline = System.nanoTime() + timeout.toNanos();
        long nextUnsignalledProbe = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNSIGNALLED_PROBE_MILLIS);
        try {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw failure("etcd member '" + name + "' exited with code " + process.exitValue()
                            + " before it became ready.", process.exitValue());
                }
                if (servingClients() || System.nanoTime() >= nextUnsignalledProbe) {
                    if (probe.isHealthy()) {
                        return;
                    }
                    nextUnsignalledProbe = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(UNSIGNALLED_PROBE_MILLIS);
                }
                pauseBeforeNextCheck();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new EmbeddedEtcdException("Interrupted while waiting for etcd member '" + name + "' to start", e);
        }
        kill();
        throw failure("etcd member '" + name + "' was not healthy at " + clientUrl + "/health within "
                + timeout.toMillis() + " ms (embedded.start-timeout); it was stopped. A member of a cluster "
                + "needs a quorum of its peers running to become healthy.", null);
    }

    /** Whether etcd said it serves clients, or will not say so. */
    private boolean servingClients() {
        return !logsServingClients || output.isServingClients();
    }

    /** Sleeps one poll interval, or less when etcd announces that it serves clients meanwhile. */
    private void pauseBeforeNextCheck() throws InterruptedException {
        if (servingClients()) {
            Thread.sleep(READY_POLL_MILLIS);
        } else {
            output.awaitServingClients(READY_POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    private EtcdStartException failure(String problem, Integer exitCode) {
        awaitOutputDrained();
        List<String> lines = output.recentLines();
        String advice = StartHints.forLines(lines).map(hint -> " " + hint).orElse("");
        return new EtcdStartException(problem + advice + " The full output is in the log '" + EtcdOutput.LOGGER_PREFIX
                + name + "'.", exitCode, lines);
    }

    /** Gives the output thread a moment (bounded) to read what a dead process printed last. */
    public void awaitOutputDrained() {
        try {
            output.finished().get(OUTPUT_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("output of etcd member '{}' not fully read: {}", name, e.toString());
        }
    }

    public String name() {
        return name;
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Completes with the exit code when etcd exits, for whatever reason; dependent actions run on
     * this process's exit watcher thread, never on the common pool.
     */
    public CompletableFuture<Integer> onExit() {
        return exited.copy();
    }

    /** The last lines etcd printed. */
    public EtcdOutput output() {
        return output;
    }

    private void dismissGuard() {
        guard.thenAccept(g -> g.ifPresent(OrphanGuard::dismiss));
    }

    /** Ends etcd at once with SIGKILL and waits (bounded) until it is gone. */
    public void kill() {
        sendKill();
        awaitExit(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Sends etcd SIGKILL without waiting for it to go (for a thread that must not block). */
    public void sendKill() {
        dismissGuard();
        process.toHandle().destroyForcibly();
    }

    /**
     * Stops etcd: SIGTERM, wait up to {@code timeout}, then SIGKILL. Returns the exit code.
     * Idempotent; bounded by {@code timeout} plus a few seconds.
     */
    public int stop(Duration timeout) {
        dismissGuard();
        try {
            if (process.isAlive()) {
                // ProcessHandle.destroy sends SIGTERM without closing our end of etcd's output pipe
                // (Process.destroy closes it, and etcd then dies of SIGPIPE instead of stopping cleanly).
                process.toHandle().destroy();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("etcd member '{}' did not stop within {} ms of SIGTERM; sending SIGKILL", name, timeout.toMillis());
                    kill();
                }
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new EmbeddedEtcdException("Interrupted while stopping etcd member '" + name + "'; sent SIGKILL", e);
        }
    }

    /** Waits for the exit; an interrupt does not cut the wait short (it is kept for the caller). */
    private void awaitExit(long amount, TimeUnit unit) {
        long deadline = System.nanoTime() + unit.toNanos(amount);
        boolean interrupted = false;
        try {
            while (process.isAlive() && System.nanoTime() < deadline) {
                try {
                    process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (process.isAlive()) {
            throw new EmbeddedEtcdException("etcd member '" + name + "' (pid " + process.pid()
                    + ") survived SIGKILL for " + amount + " " + unit.toString().toLowerCase(java.util.Locale.ROOT)
                    + "; check it with ps.");
        }
    }
}
