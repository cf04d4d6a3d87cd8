/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit;

import io.github.embeddedetcd.testkit.internal.junit.ClusterScope;
import io.github.embeddedetcd.testkit.internal.junit.StoredCluster;
import io.etcd.jetcd.Client;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

import java.lang.annotation.Annotation;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Runs the clusters that {@link EtcdCluster} declares: one per class for the annotation on a class,
 * one per test for the annotation on a method. It resolves parameters of type {@link EtcdTestCluster},
 * {@link Client} and {@code List<URI>} (client endpoints); in a {@code @ParameterizedTest} only
 * {@link EtcdTestCluster}, leaving the arguments to their source.
 */
final class DeclaredClusterExtension implements ExecutionCondition, BeforeAllCallback, BeforeEachCallback,
        AfterEachCallback, AfterAllCallback, ParameterResolver, TestWatcher {

    private static final String PARAMETERIZED_TEST = "org.junit.jupiter.params.ParameterizedTest";

    private final ClusterScope scope = new ClusterScope(DeclaredClusterExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return ClusterScope.condition(declaration(context).map(EtcdCluster::network).orElse(Network.LOOPBACK));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        AnnotationSupport.findAnnotation(context.getRequiredTestClass(), EtcdCluster.class)
                .ifPresent(annotation -> scope.put(context, cluster(annotation, context)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, EtcdCluster.class))
                .ifPresent(annotation -> scope.put(context, cluster(annotation, context)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        scope.take(context).ifPresent(StoredCluster::close);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        scope.take(context).ifPresent(StoredCluster::close);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        scope.testFailed(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == EtcdTestCluster.class) {
            return true;
        }
        return !isParameterizedTest(parameter.getDeclaringExecutable())
                && (type == Client.class || isUriList(parameter.getParameter().getParameterizedType()));
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        EtcdTestCluster cluster = scope.find(context).orElseThrow(() -> new ParameterResolutionException(
                "No etcd test cluster for " + context.getDisplayName() + ": annotate the class or method with "
                        + "@EtcdCluster (a constructor parameter needs it on the class)."));
        Class<?> type = parameter.getParameter().getType();
        if (type == EtcdTestCluster.class) {
            return cluster;
        }
        return type == Client.class ? cluster.client() : cluster.clientEndpoints();
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

    /** The context's own cluster, or one it borrows from the run's shared clusters. */
    private static StoredCluster cluster(EtcdCluster annotation, ExtensionContext context) {
        boolean shared = annotation.shared() && sharingOn(context);
        return shared ? SharedClusters.of(context).borrow(annotation, () -> start(annotation))
                : StoredCluster.own(start(annotation), cleanup(annotation));
    }

    /** What {@link EtcdCluster#SHARED_PARAMETER} says: true unless set to false; another value is an error. */
    private static boolean sharingOn(ExtensionContext context) {
        return context.getConfigurationParameter(EtcdCluster.SHARED_PARAMETER).map(String::trim).map(value -> {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new ExtensionConfigurationException("The JUnit configuration parameter "
                        + EtcdCluster.SHARED_PARAMETER + " is '" + value + "'; set it to true or false (false gives "
                        + "every class its own cluster).");
            }
            return Boolean.parseBoolean(value);
        }).orElse(true);
    }

    @SuppressWarnings("deprecation")
    static Cleanup cleanup(EtcdCluster annotation) {
        return annotation.keepDataOnFailure() && annotation.cleanup() == Cleanup.ALWAYS ? Cleanup.ON_SUCCESS
                : annotation.cleanup();
    }

    private static EtcdTestCluster start(EtcdCluster annotation) {
        EtcdTestCluster.Builder builder = EtcdTestCluster.builder()
                .nodes(annotation.nodes())
                .network(annotation.network())
                .fastTimings(annotation.fastTimings())
                .timings(annotation.heartbeatMillis(), annotation.electionMillis())
                .extraArgs(annotation.extraArgs())
                .tls(annotation.tls())
                .auth(annotation.auth());
        configurer(annotation).configure(builder);
        return builder.start();
    }

    private static EtcdClusterConfigurer configurer(EtcdCluster annotation) {
        Class<? extends EtcdClusterConfigurer> type = annotation.configurer();
        try {
            return ReflectionSupport.newInstance(type);
        } catch (Exception e) { // JUnit rethrows NoSuchMethodException and the constructor's own exceptions unchecked
            throw new ExtensionConfigurationException("@EtcdCluster(configurer = " + type.getSimpleName()
                    + ".class) cannot be created (" + e + "); give " + type.getName()
                    + " a no-argument constructor, and make it a static nested or top-level class", e);
        }
    }
}
