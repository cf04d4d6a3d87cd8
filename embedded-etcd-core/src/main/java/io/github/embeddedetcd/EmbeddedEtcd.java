package io.github.embeddedetcd;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.binary.BinaryResolver;
import io.github.embeddedetcd.binary.EtcdBinary;
import io.github.embeddedetcd.config.ClusterState;
import io.github.embeddedetcd.config.ConfigFile;
import io.github.embeddedetcd.config.EtcdConfig;
import io.github.embeddedetcd.process.DataDirState;
import io.github.embeddedetcd.process.EtcdProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An etcd member that lives and dies with this JVM: a real {@code etcd} child process, started,
 * health-checked, logged through SLF4J and stopped by this object, never left behind.
 *
 * <pre>{@code
 * try (EmbeddedEtcd etcd = EmbeddedEtcd.builder().config(Path.of("config.yaml")).build().start()) {
 *     etcd.client().getKVClient().put(key, value).get(5, TimeUnit.SECONDS);
 * }
 * }</pre>
 *
 * <p>{@link #start()} bootstraps a new single-member cluster, or restarts the member whose data dir
 * is already bootstrapped. {@link #close()} stops etcd (SIGTERM, bounded wait, then SIGKILL).
 * Thread-safe.
 */
public final class EmbeddedEtcd implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedEtcd.class);

    private final EtcdConfig config;
    private final BinaryResolver binaryResolver;

    private EtcdBinary binary;
    private DataDirState dataDirState;
    private EtcdProcess process;
    private Client client;
    private Thread shutdownHook;
    private boolean stopping;

    private EmbeddedEtcd(EtcdConfig config, BinaryResolver binaryResolver) {
        this.config = config;
        this.binaryResolver = binaryResolver;
    }

    /** A builder for a member; see {@link Builder}. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts etcd and returns once it is healthy. A data dir that etcd has already bootstrapped
     * is restarted as the same member ({@code initial-cluster-state} is then ignored).
     *
     * @return this, for try-with-resources chaining
     * @throws EtcdStartException     when etcd exits or is not healthy within {@code embedded.start-timeout}
     * @throws EmbeddedEtcdException  when the binary, data dir or ports are not usable
     * @throws IllegalStateException  when already running
     */
    public synchronized EmbeddedEtcd start() {
        if (process != null) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is already running");
        }
        long began = System.nanoTime();
        binary = binaryResolver.resolve(config.binary());
        DataDirState state = DataDirState.acquire(config.dataDir());
        try {
            boolean restart = DataDirState.isBootstrapped(config.dataDir(), config.walDir());
            EtcdProcess started = EtcdProcess.launch(binary, config,
                    restart ? ClusterState.EXISTING : config.initialClusterState());
            state.recordEtcd(started.handle());
            started.awaitHealthy(config.advertiseClientUrls().get(0), config.startTimeout());
            dataDirState = state;
            process = started;
            stopping = false;
            started.onExit().thenAccept(code -> exited(started, code));
            registerShutdownHook();
            LOG.info("etcd member '{}' ready at {} ({} etcd {}, pid {}, data dir {}, {} ms)", config.name(),
                    config.advertiseClientUrls(), restart ? "restarted" : "new", binary.version(),
                    started.handle().pid(), config.dataDir(), (System.nanoTime() - began) / 1_000_000);
            return this;
        } catch (RuntimeException e) {
            state.clearEtcd();
            state.close();
            throw e;
        }
    }

    /**
     * A jetcd client for this member's cluster, built on first use and closed with the member.
     * It never waits for a dead endpoint ({@code waitForReady(false)}); put a deadline on each call.
     */
    public synchronized Client client() {
        requireRunning();
        if (client == null) {
            client = Client.builder()
                    .endpoints(config.advertiseClientUrls().toArray(URI[]::new))
                    .waitForReady(false)
                    .connectTimeout(config.requestTimeout())
                    .build();
        }
        return client;
    }

    /** The effective configuration, defaults filled in. */
    public EtcdConfig config() {
        return config;
    }

    /** This member's name. */
    public String name() {
        return config.name();
    }

    /** The client URLs this member advertises. */
    public List<URI> clientEndpoints() {
        return config.advertiseClientUrls();
    }

    /** The etcd binary in use; null before the first {@link #start()}. */
    public synchronized EtcdBinary binary() {
        return binary;
    }

    /** Whether the etcd process is running. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The pid of the etcd process. */
    public synchronized long pid() {
        requireRunning();
        return process.handle().pid();
    }

    /**
     * Stops etcd: closes the client, sends SIGTERM, waits up to {@code embedded.stop-timeout},
     * then SIGKILL. Idempotent; the member can be started again afterwards.
     */
    @Override
    public synchronized void close() {
        if (process == null) {
            return;
        }
        stopping = true;
        closeClient();
        int code = process.stop(config.stopTimeout());
        LOG.info("etcd member '{}' stopped (exit code {})", config.name(), code);
        release();
    }

    private void exited(EtcdProcess which, int code) {
        synchronized (this) {
            if (which != process || stopping) {
                return;
            }
            LOG.error("etcd member '{}' exited unexpectedly with code {}. Last lines:\n  {}", config.name(), code,
                    String.join("\n  ", which.output().recentLines()));
            closeClient();
            release();
        }
    }

    private void release() {
        dataDirState.clearEtcd();
        dataDirState.close();
        dataDirState = null;
        process = null;
        unregisterShutdownHook();
    }

    private void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void requireRunning() {
        if (process == null) {
            throw new IllegalStateException("etcd member '" + config.name() + "' is not running; call start() first");
        }
    }

    private void registerShutdownHook() {
        shutdownHook = new Thread(this::close, "embedded-etcd-shutdown-" + config.name());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    private void unregisterShutdownHook() {
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting; the hook runs or has run
            }
        }
        shutdownHook = null;
    }

    @Override
    public String toString() {
        return "EmbeddedEtcd{" + config.name() + " " + config.advertiseClientUrls() + "}";
    }

    /**
     * Configures a member. Settings apply in this order: the config file (or a given
     * {@link EtcdConfig}), then each {@link #configure} step, then the shortcuts on this builder.
     */
    public static final class Builder {
        private Path file;
        private EtcdConfig base;
        private final List<Consumer<EtcdConfig.Builder>> steps = new ArrayList<>();

        private Builder() {
        }

        /** Reads etcd's YAML config keys (and an {@code embedded:} section) from this file. */
        public Builder config(Path configFile) {
            this.file = Objects.requireNonNull(configFile, "configFile");
            this.base = null;
            return this;
        }

        /** Starts from a config built in code. */
        public Builder config(EtcdConfig config) {
            this.base = Objects.requireNonNull(config, "config");
            this.file = null;
            return this;
        }

        /** Changes settings in code, e.g. {@code configure(c -> c.name("node-1").dataDir(dir))}. */
        public Builder configure(Consumer<EtcdConfig.Builder> step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /** The etcd binary to run (else {@code ETCD_BINARY}, then {@code PATH}). */
        public Builder binary(Path etcdBinary) {
            return configure(c -> c.binary(etcdBinary));
        }

        /** Whether learners are promoted automatically (default true). */
        public Builder autoPromote(boolean autoPromote) {
            return configure(c -> c.autoPromote(autoPromote));
        }

        /**
         * Reads and checks the configuration; starts nothing.
         *
         * @throws io.github.embeddedetcd.config.ConfigException naming file, line and key of a bad setting
         */
        public EmbeddedEtcd build() {
            EtcdConfig.Builder config = file != null ? ConfigFile.read(file)
                    : base != null ? base.toBuilder() : EtcdConfig.builder();
            steps.forEach(step -> step.accept(config));
            return new EmbeddedEtcd(config.build(), new BinaryResolver(System.getenv()));
        }
    }
}
