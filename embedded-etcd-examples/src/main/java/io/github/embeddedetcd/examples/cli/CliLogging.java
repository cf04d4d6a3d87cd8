/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The CLI's logging, set up in code: one line per event on stderr, etcd's own output
 * (logger {@code io.github.embeddedetcd.etcd.<member>}) from ERROR up unless {@code ETCD_LOG_LEVEL}
 * says otherwise, Netty, gRPC and Vert.x from WARN. Reading the same from a logback.xml costs a
 * fresh JVM ~150 ms of XML parsing before the member can start. A {@code logback.configurationFile}
 * or a {@code logback-test.xml} on the classpath still wins.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {

    static final String ETCD_LOG_LEVEL = "ETCD_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || CliLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        String etcdLevel = System.getenv(ETCD_LOG_LEVEL);
        context.getLogger("io.github.embeddedetcd.etcd").setLevel(Level.toLevel(etcdLevel, Level.ERROR));
        for (String chatty : new String[] {"io.netty", "io.grpc", "io.vertx"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
