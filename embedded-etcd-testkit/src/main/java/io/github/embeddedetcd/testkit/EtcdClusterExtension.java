/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import io.github.embeddedetcd.testkit.internal.network.NamespaceNetwork;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link EtcdTestCluster}s for JUnit 5 tests, declared with {@link EtcdCluster} or registered
 * the way jetcd-test's extension is:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EtcdClusterExtension cluster = EtcdClusterExtension.builder().withNodes(3).build();
 * ... Client.builder().endpoints(cluster.clientEndpoints()).build() ...
 * }</pre>
 *
 * A static field gets one cluster for the class, an instance field one per test. A registered
 * extension resolves no parameters (as jetcd-test's); {@code @EtcdCluster} resolves those of type
 * {@link EtcdTestCluster}, {@link Client} and {@code List<URI>} (client endpoints), and in a
 * {@code @ParameterizedTest} only {@link EtcdTestCluster}, leaving the arguments to their source.
 * Clusters live in JUnit's extension store and are closed with the class or method they belong to.
 * Where {@link Network#NAMESPACES} cannot be set up, the tests are disabled with the reason.
 */
public class EtcdClusterExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(EtcdClusterExtension.class);
    private static final String CLUSTER = "cluster";
    private static final String PARAMETERIZED_TEST = "org.junit.jupiter.params.ParameterizedTest";

    /** Set for an extension registered with {@link #builder()}, null for {@code @EtcdCluster}. */
    private final EtcdTestCluster.Builder registered;
    private final Cleanup registeredCleanup;
    private final Network registeredNetwork;
    private volatile EtcdTestCluster registeredCluster;

    /** Used by {@code @EtcdCluster} through {@code @ExtendWith}. */
    public EtcdClusterExtension() {
        this(null, Cleanup.ALWAYS, Network.LOOPBACK);
    }

    private EtcdClusterExtension(EtcdTestCluster.Builder registered, Cleanup cleanup, Network network) {
        this.registered = registered;
        this.registeredCleanup = cleanup;
        this.registeredNetwork = network;
    }

    /** For {@code @RegisterExtension}, shaped like jetcd-test's builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean namespaces = registered != null ? registeredNetwork == Network.NAMESPACES
                : declaration(context).map(EtcdCluster::network).orElse(Network.LOOPBACK) == Network.NAMESPACES;
        Optional<String> unavailable = namespaces ? NamespaceNetwork.unavailableReason() : Optional.empty();
        return unavailable.map(reason -> ConditionEvaluationResult.disabled("etcd test cluster not started: " + reason))
                .orElse(ConditionEvaluationResult.enabled("the cluster's network can be set up here"));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (registered != null) {
            if (registeredCluster == null) {
                startRegistered(context);
            }
            return;
        }
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EtcdCluster.class)
                .ifPresent(annotation -> store(context, start(annotation), cleanup(annotation)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (registered != null) {
            if (registeredCluster == null) {
                startRegistered(context);
            }
            return;
        }
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, EtcdCluster.class))
                .ifPresent(annotation -> store(context, start(annotation), cleanup(annotation)));
    }

    /** A registered cluster follows the context it was started in: the class (static field) or the test. */
    private void startRegistered(ExtensionContext context) {
        EtcdTestCluster cluster = registered.build().start();
        registeredCluster = cluster;
        store(context, cluster, registeredCleanup);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeStored(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeStored(context);
    }

    /**
     * Closes the cluster of this context now (rather than when JUnit closes the store), so the next
     * one starts clean. A failure of this context's own test counts for its cleanup here: JUnit tells
     * {@link #testFailed} only after the test's callbacks.
     */
    private void closeStored(ExtensionContext context) {
        StoredCluster stored = context.getStore(STORE).remove(CLUSTER, StoredCluster.class);
        if (stored != null) {
            if (context.getExecutionException().isPresent()) {
                stored.testFailed();
            }
            if (stored.cluster() == registeredCluster) {
                registeredCluster = null;
            }
            stored.close();
        }
    }

    /** A failed test marks the clusters it used; {@link Cleanup#ON_SUCCESS} then keeps their data. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            StoredCluster stored = c.get().getStore(STORE).get(CLUSTER, StoredCluster.class);
            if (stored != null) {
                stored.testFailed();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        if (registered != null) {
            return false;
        }
        Class<?> type = parameter.getParameter().getType();
        if (type == EtcdTestCluster.class) {
            return true;
        }
        return !isParameterizedTest(parameter.getDeclaringExecutable())
                && (type == Client.class || isUriList(parameter.getParameter().getParameterizedType()));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EtcdTestCluster cluster = clusterFor(context).orElseThrow(() -> new ParameterResolutionException(
                "No etcd test cluster for " + context.getDisplayName() + ": annotate the class or method with "
                        + "@EtcdCluster (a constructor parameter needs it on the class)."));
        Class<?> type = parameter.getParameter().getType();
        if (type == EtcdTestCluster.class) {
            return cluster;
        }
        return type == Client.class ? cluster.client() : cluster.clientEndpoints();
    }

    private static Optional<EtcdTestCluster> clusterFor(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            StoredCluster stored = c.get().getStore(STORE).get(CLUSTER, StoredCluster.class);
            if (stored != null) {
                return Optional.of(stored.cluster());
            }
        }
        return Optional.empty();
    }

    /** Whether JUnit's {@code @ParameterizedTest} (directly or as a meta-annotation) marks it; junit-jupiter-params is optional. */
    private static boolean isParameterizedTest(Executable executable) {
        return Arrays.stream(executable.getAnnotations()).map(Annotation::annotationType).anyMatch(type ->
                type.getName().equals(PARAMETERIZED_TEST) || Arrays.stream(type.getAnnotations())
                        .anyMatch(meta -> meta.annotationType().getName().equals(PARAMETERIZED_TEST)));
    }

    private static boolean isUriList(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == URI.class;
    }

    private static Optional<EtcdCluster> declaration(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, EtcdCluster.class))
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, EtcdCluster.class)));
    }

    @SuppressWarnings("deprecation")
    private static Cleanup cleanup(EtcdCluster annotation) {
        return annotation.keepDataOnFailure() && annotation.cleanup() == Cleanup.ALWAYS ? Cleanup.ON_SUCCESS
                : annotation.cleanup();
    }

    private static void store(ExtensionContext context, EtcdTestCluster cluster, Cleanup cleanup) {
        context.getStore(STORE).put(CLUSTER, new StoredCluster(cluster, cleanup));
    }

    private static EtcdTestCluster start(EtcdCluster annotation) {
        return EtcdTestCluster.builder()
                .nodes(annotation.nodes())
                .network(annotation.network())
                .fastTimings(annotation.fastTimings())
                .timings(annotation.heartbeatMillis(), annotation.electionMillis())
                .extraArgs(annotation.extraArgs())
                .tls(annotation.tls())
                .auth(annotation.auth())
                .build()
                .start();
    }

    /** The running cluster (jetcd-test: {@code cluster()}). */
    public EtcdTestCluster cluster() {
        return requireRegistered();
    }

    /** Client URLs of the cluster's nodes. */
    public List<URI> clientEndpoints() {
        return requireRegistered().clientEndpoints();
    }

    /** Peer URLs of the cluster's nodes. */
    public List<URI> peerEndpoints() {
        return requireRegistered().peerEndpoints();
    }

    /** The cluster's name (also its {@code initial-cluster-token}). */
    public String clusterName() {
        return requireRegistered().clusterName();
    }

    /** Stops every node, waits, and starts them again on their data. */
    public void restart(long delay, TimeUnit unit) {
        try {
            requireRegistered().restart(delay, unit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restarting the cluster", e);
        }
    }

    private EtcdTestCluster requireRegistered() {
        EtcdTestCluster cluster = registeredCluster;
        if (cluster == null) {
            throw new IllegalStateException(registered == null
                    ? "this extension runs @EtcdCluster clusters: take an EtcdTestCluster parameter instead"
                    : "the cluster runs only while the tests run (from beforeAll for a static field, beforeEach "
                    + "for an instance field)");
        }
        return cluster;
    }

    /** jetcd-test's builder methods that make sense without Docker. */
    public static final class Builder {
        private final EtcdTestCluster.Builder cluster = EtcdTestCluster.builder();
        private Cleanup cleanup = Cleanup.ALWAYS;
        private Network network = Network.LOOPBACK;

        public Builder withNodes(int nodes) {
            cluster.nodes(nodes);
            return this;
        }

        public Builder withClusterName(String clusterName) {
            cluster.clusterName(clusterName);
            return this;
        }

        public Builder withAdditionalArgs(Collection<String> additionalArgs) {
            cluster.extraArgs(additionalArgs.toArray(String[]::new));
            return this;
        }

        public Builder withNetwork(Network value) {
            cluster.network(value);
            this.network = value;
            return this;
        }

        public Builder withFastTimings(boolean fastTimings) {
            cluster.fastTimings(fastTimings);
            return this;
        }

        /** https client and peer URLs with certificates the cluster generates (jetcd-test's name for TLS). */
        public Builder withSsl(boolean ssl) {
            cluster.tls(ssl);
            return this;
        }

        /** etcd authentication on, with a generated root password (see {@code cluster().credentials()}). */
        public Builder withAuth(boolean auth) {
            cluster.auth(auth);
            return this;
        }

        /** What happens to the data dirs when the cluster closes (default {@link Cleanup#ALWAYS}). */
        public Builder withCleanup(Cleanup value) {
            this.cleanup = value;
            return this;
        }

        public EtcdClusterExtension build() {
            return new EtcdClusterExtension(cluster, cleanup, network);
        }
    }
}
