/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.examples.cli;

import io.github.embeddedetcd.EmbeddedEtcdException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The {@code etcd-embedded} command line: the seed program's commands on top of the library.
 * Exit codes: 0 ok, 1 failure, 2 usage error. Expected failures print one message, no stack trace
 * (unless {@code --debug}).
 */
@Command(name = "etcd-embedded", mixinStandardHelpOptions = true, version = "etcd-embedded 0.1.0",
        description = "Run an etcd member inside this JVM and form an HA cluster with its peers.",
        subcommands = {ServerCommand.class, JoinCommand.class, RemoveCommand.class, MembersCommand.class,
                DemoCommand.class})
public final class EtcdEmbeddedCli {

    @Option(names = "--debug", description = "Print stack traces of failures.", scope = CommandLine.ScopeType.INHERIT)
    boolean debug;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new EtcdEmbeddedCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug");
            if (e instanceof EmbeddedEtcdException && !debug) {
                commandLine.getErr().println("etcd-embedded: " + e.getMessage());
            } else {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }
}
