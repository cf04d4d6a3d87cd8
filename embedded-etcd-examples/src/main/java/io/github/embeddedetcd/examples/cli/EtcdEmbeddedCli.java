/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcdException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code etcd-embedded} command line: the seed program's commands on top of the library.
 * Exit codes: 0 ok, 1 failure, 2 usage error. Expected failures print one message, no stack trace
 * (unless {@code --debug}).
 */
// scope INHERIT: every subcommand gets --help and --version too
@Command(name = "etcd-embedded", mixinStandardHelpOptions = true, version = "etcd-embedded 0.1.0",
        scope = CommandLine.ScopeType.INHERIT,
        description = "Run an etcd member inside this JVM and form an HA cluster with its peers.")
public final class EtcdEmbeddedCli {

    /**
     * The subcommands, in the order of the usage help. Picocli builds a command's model by
     * reflection when it is added — tens of milliseconds each in a fresh JVM — so a run that names
     * its subcommand builds that one's model only; the others are listed for help, usage errors and
     * suggestions with the name and description their {@code @Command} annotation gives.
     */
    private static final List<Class<?>> SUBCOMMANDS = List.of(ServerCommand.class, JoinCommand.class,
            RemoveCommand.class, MembersCommand.class, SnapshotCommand.class, SurvivorsCommand.class, DemoCommand.class);

    /** Far beyond the tens of milliseconds it takes; the command runs after it either way. */
    private static final long LOGGING_SETUP_TIMEOUT_MILLIS = 10_000;

    @Option(names = "--debug", description = "Print stack traces of failures.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        Optional<String> named = namedSubcommand(args);
        CompletableFuture<Void> loggingSetup = named.isPresent() ? LoggingSetup.DONE : null;
        CommandLine cli = new CommandLine(new EtcdEmbeddedCli());
        // arguments in an @file are read by picocli itself: every subcommand may run then
        boolean anyMayRun = Arrays.stream(args).anyMatch(arg -> arg.startsWith("@"));
        for (Class<?> subcommand : SUBCOMMANDS) {
            String name = subcommand.getAnnotation(Command.class).name();
            boolean runs = anyMayRun || named.filter(name::equals).isPresent();
            cli.addSubcommand(name, runs ? subcommand : listing(subcommand));
        }
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug");
            if (e instanceof EmbeddedEtcdException && !debug) {
                commandLine.getErr().println("etcd-embedded: " + e.getMessage());
            } else {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        if (loggingSetup != null) {
            awaitLoggingSetup(loggingSetup);
        }
        return cli.execute(args);
    }

    /**
     * Logging, set up on another core while picocli builds the commands' model (each takes tens of
     * milliseconds in a fresh JVM); it needs nothing from the arguments. Started when this holder
     * is first used, so once per JVM: every run waits for the same setup.
     */
    private static final class LoggingSetup {
        static final CompletableFuture<Void> DONE = CompletableFuture.runAsync(LoggerFactory::getILoggerFactory, task -> {
            Thread thread = new Thread(task, "logging-setup");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /**
     * Waits for the logging setup before the command runs: SLF4J hands a logger asked for during
     * its setup a stand-in that queues what it logs and then prints a warning about replaying it.
     */
    private static void awaitLoggingSetup(CompletableFuture<Void> setup) {
        try {
            setup.get(LOGGING_SETUP_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the command runs regardless; SLF4J reports its own setup failures
        }
    }

    /** The known subcommand that {@code args} run: their first argument that is not an option. */
    private static Optional<String> namedSubcommand(String... args) {
        // the top-level options (--debug, --help, --version) take no values, so the first other argument is the command
        return Arrays.stream(args).filter(arg -> !arg.startsWith("-")).findFirst()
                .filter(name -> SUBCOMMANDS.stream().anyMatch(type -> type.getAnnotation(Command.class).name().equals(name)));
    }

    /** A subcommand's entry in the list of commands: its name and description, without its options. */
    private static CommandSpec listing(Class<?> subcommand) {
        Command command = subcommand.getAnnotation(Command.class);
        CommandSpec listing = CommandSpec.create().name(command.name());
        listing.usageMessage().description(command.description());
        return listing;
    }
}
