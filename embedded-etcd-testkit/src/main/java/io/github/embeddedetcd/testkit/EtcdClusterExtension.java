package io.github.embeddedetcd.testkit;

import io.etcd.jetcd.Client;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
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
 * A static field gets one cluster for the class, an instance field one per test. Resolves
 * parameters of type {@link EtcdTestCluster}, {@link Client} and {@code List<URI>} (client endpoints).
 * Where {@link Network#NAMESPACES} cannot be set up, the tests are skipped with the reason.
 */
public class EtcdClusterExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(EtcdClusterExtension.class);
    private static final String CLUSTER = "cluster";

    private final EtcdTestCluster.Builder registered;
    private EtcdTestCluster registeredCluster;
    private boolean registeredPerClass;

    /** Used by {@code @EtcdCluster} through {@code @ExtendWith}. */
    public EtcdClusterExtension() {
        this(null);
    }

    private EtcdClusterExtension(EtcdTestCluster.Builder registered) {
        this.registered = registered;
    }

    /** For {@code @RegisterExtension}, shaped like jetcd-test's builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (registered != null) {
            registeredPerClass = true;
            registeredCluster = start(registered);
            return;
        }
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EtcdCluster.class)
                .ifPresent(annotation -> context.getStore(STORE).put(CLUSTER, start(annotation)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (registered != null && !registeredPerClass && registeredCluster == null) {
            registeredCluster = start(registered);
            return;
        }
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, EtcdCluster.class))
                .ifPresent(annotation -> context.getStore(STORE).put(CLUSTER, start(annotation)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (registered != null && !registeredPerClass && registeredCluster != null) {
            registeredCluster.close();
            registeredCluster = null;
            return;
        }
        Optional.ofNullable(context.getStore(STORE).remove(CLUSTER, EtcdTestCluster.class)).ifPresent(cluster -> {
            if (context.getExecutionException().isPresent() && keepDataOnFailure(context)) {
                cluster.keepData(true);
            }
            cluster.close();
        });
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (registered != null && registeredCluster != null) {
            registeredCluster.close();
            registeredCluster = null;
            return;
        }
        Optional.ofNullable(context.getStore(STORE).remove(CLUSTER, EtcdTestCluster.class)).ifPresent(EtcdTestCluster::close);
    }

    /** A failed test of a class-wide cluster keeps its data when asked (method clusters: see afterEach). */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (keepDataOnFailure(context)) {
            clusterFor(context).ifPresent(cluster -> cluster.keepData(true));
        }
    }

    private static boolean keepDataOnFailure(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, EtcdCluster.class))
                .or(() -> AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EtcdCluster.class))
                .map(EtcdCluster::keepDataOnFailure).orElse(false);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EtcdTestCluster.class || type == Client.class || isUriList(parameter.getParameter().getParameterizedType());
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

    private Optional<EtcdTestCluster> clusterFor(ExtensionContext context) {
        if (registeredCluster != null) {
            return Optional.of(registeredCluster);
        }
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            EtcdTestCluster cluster = c.get().getStore(STORE).get(CLUSTER, EtcdTestCluster.class);
            if (cluster != null) {
                return Optional.of(cluster);
            }
        }
        return Optional.empty();
    }

    private static boolean isUriList(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == List.class
                && p.getActualTypeArguments()[0] == URI.class;
    }

    private static EtcdTestCluster start(EtcdCluster annotation) {
        EtcdTestCluster.Builder builder = EtcdTestCluster.builder()
                .nodes(annotation.nodes())
                .network(annotation.network())
                .fastTimings(annotation.fastTimings())
                .timings(annotation.heartbeatMillis(), annotation.electionMillis())
                .extraArgs(annotation.extraArgs());
        return start(builder);
    }

    private static EtcdTestCluster start(EtcdTestCluster.Builder builder) {
        try {
            return builder.build().start();
        } catch (UnsupportedOperationException e) {
            throw new TestAbortedException("etcd test cluster not started: " + e.getMessage(), e);
        }
    }

    /** The running cluster (jetcd-test: {@code cluster()}). */
    public EtcdTestCluster cluster() {
        return requireRegistered();
    }

    public List<URI> clientEndpoints() {
        return requireRegistered().clientEndpoints();
    }

    public List<URI> peerEndpoints() {
        return requireRegistered().peerEndpoints();
    }

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
        if (registeredCluster == null) {
            throw new IllegalStateException("the cluster runs only while tests run (and for a @RegisterExtension "
                    + "field, not for @EtcdCluster: take an EtcdTestCluster parameter instead)");
        }
        return registeredCluster;
    }

    /** jetcd-test's builder methods that make sense without Docker. */
    public static final class Builder {
        private final EtcdTestCluster.Builder cluster = EtcdTestCluster.builder();

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

        public Builder withNetwork(Network network) {
            cluster.network(network);
            return this;
        }

        public Builder withFastTimings(boolean fastTimings) {
            cluster.fastTimings(fastTimings);
            return this;
        }

        public EtcdClusterExtension build() {
            return new EtcdClusterExtension(cluster);
        }
    }
}
