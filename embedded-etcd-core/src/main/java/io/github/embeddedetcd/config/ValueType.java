/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.config;

import io.github.embeddedetcd.internal.config.Values;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The kind of value a {@link Setting} holds: how it is read from text (one value, or the items of a
 * list), how a value set in code is checked, and how it is written as an etcd flag. Each method
 * throws {@link IllegalArgumentException} saying what was expected, for the caller to place.
 */
final class ValueType<T> {

    static final ValueType<String> TEXT = scalar("java.lang.String", Values::text, Values::text, s -> s);
    static final ValueType<Path> PATH = scalar("java.nio.file.Path", v -> Path.of(Values.text(v)), p -> p, Path::toString);
    static final ValueType<Boolean> BOOL = scalar("java.lang.Boolean", Values::bool, b -> b, String::valueOf);
    static final ValueType<Duration> DURATION = scalar("java.time.Duration", Values::duration, Values::positive,
            Duration::toString);
    static final ValueType<List<URI>> URLS = new ValueType<>("java.util.List<java.net.URI>", true,
            v -> Values.urls(String.join(",", v)), ValueType::checkedUrls, ValueType::joined);
    static final ValueType<List<String>> WORDS = new ValueType<>("java.util.List<java.lang.String>", true,
            List::copyOf, List::copyOf, v -> String.join(",", v));
    static final ValueType<Map<String, List<URI>>> MEMBERS = new ValueType<>("java.lang.String", true,
            v -> InitialCluster.parse(String.join(",", v)), InitialCluster::copyOf, InitialCluster::flag);
    static final ValueType<ClusterState> CLUSTER_STATE = spelled(ClusterState.values(), ClusterState::flagValue);
    static final ValueType<ForceNewCluster> FORCE_NEW_CLUSTER = spelled(ForceNewCluster.values(), ForceNewCluster::value);
    /** A raft interval in milliseconds: a whole number, or a duration such as {@code 100ms}. */
    static final ValueType<Integer> RAFT_MILLIS = scalar("java.lang.Integer", ValueType::raftMillis,
            v -> (int) Values.within(v, 1, EtcdConfig.RAFT_MILLIS_MAX), String::valueOf);
    /** One of etcd's own keys that the library passes on as given: list items are joined with commas. */
    static final ValueType<String> ETCD_VALUE = new ValueType<>("java.lang.String", true,
            v -> v.stream().map(Values::text).collect(Collectors.joining(",")), Values::text, s -> s);

    /** A password: taken exactly as given, never trimmed. */
    static final ValueType<String> SECRET = scalar("java.lang.String", v -> v, v -> v, v -> v);

    private final String typeName;
    private final boolean list;
    private final Function<List<String>, T> parse;
    private final UnaryOperator<T> check;
    private final Function<T, String> render;

    private ValueType(String typeName, boolean list, Function<List<String>, T> parse, UnaryOperator<T> check,
                      Function<T, String> render) {
        this.typeName = typeName;
        this.list = list;
        this.parse = parse;
        this.check = check;
        this.render = render;
    }

    static ValueType<Long> longs(long min, long max) {
        return scalar("java.lang.Long", v -> Values.number(v, min, max), v -> Values.within(v, min, max),
                String::valueOf);
    }

    static ValueType<Integer> ints(int min, int max) {
        return scalar("java.lang.Integer", v -> (int) Values.number(v, min, max),
                v -> (int) Values.within(v, min, max), String::valueOf);
    }

    /** One of an enum's constants, each written in config files as {@code spelling} gives it. */
    private static <E extends Enum<E>> ValueType<E> spelled(E[] constants, Function<E, String> spelling) {
        String[] words = Arrays.stream(constants).map(spelling).toArray(String[]::new);
        return scalar("java.lang.String", v -> {
            String word = Values.oneOf(v, words);
            return Arrays.stream(constants).filter(c -> spelling.apply(c).equals(word)).findFirst().orElseThrow();
        }, c -> c, spelling);
    }

    static ValueType<String> oneOf(String... words) {
        return scalar("java.lang.String", v -> Values.oneOf(v, words), v -> Values.oneOf(v, words), s -> s);
    }

    /** A setting the library needs at one value: it accepts that value only, and says why. */
    static ValueType<String> fixed(String only, String why) {
        UnaryOperator<String> check = v -> {
            if (!v.trim().equals(only)) {
                throw new IllegalArgumentException(why + "; remove this key or set it to " + only);
            }
            return only;
        };
        return scalar("java.lang.String", check, check, s -> s);
    }

    /** The Java type of the value, as Spring's configuration metadata spells it. */
    String typeName() {
        return typeName;
    }

    /** Whether a config file may give the value as a YAML list (and a property as comma-separated items). */
    boolean isList() {
        return list;
    }

    T parse(List<String> values) {
        if (!list && values.size() != 1) {
            throw new IllegalArgumentException("expects a single value, got a list of " + values.size());
        }
        return parse.apply(values);
    }

    T check(T value) {
        return check.apply(value);
    }

    String render(T value) {
        return render.apply(value);
    }

    private static <T> ValueType<T> scalar(String typeName, Function<String, T> parse, UnaryOperator<T> check,
                                          Function<T, String> render) {
        return new ValueType<>(typeName, false, values -> parse.apply(values.get(0)), check, render);
    }

    private static int raftMillis(String text) {
        String t = text.trim();
        long millis = t.matches("\\d+\\s*(ms|s|m|h)") ? Values.duration(t).toMillis()
                : Values.number(t, 1, EtcdConfig.RAFT_MILLIS_MAX);
        return (int) Values.within(millis, 1, EtcdConfig.RAFT_MILLIS_MAX);
    }

    /** Each URL as the config file would accept it: http(s), a host and a port, no path. */
    private static List<URI> checkedUrls(List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("expects one or more URLs such as http://127.0.0.1:2379, got none");
        }
        return urls.stream().map(url -> Values.url(url.toString())).toList();
    }

    private static String joined(List<URI> urls) {
        return urls.stream().map(URI::toString).collect(Collectors.joining(","));
    }
}
