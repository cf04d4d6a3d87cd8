/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.testkit.internal.network;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs short system commands (ip, iptables, kill) with a deadline. Output is read while the command
 * runs, so one that prints more than a pipe holds cannot hang.
 */
public final class Commands {

    private static final long TIMEOUT_SECONDS = 10;

    private Commands() {
    }

    /** The command's combined output; throws {@link CommandException} when it fails or hangs. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            CompletableFuture<String> printed = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()),
                    Commands::onOwnThread);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CommandException(List.of(command), -1, "no answer within " + TIMEOUT_SECONDS + " s");
            }
            String output = printed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new CommandException(List.of(command), process.exitValue(), output);
            }
            return output;
        } catch (IOException | ExecutionException | TimeoutException e) {
            throw new CommandException(List.of(command), -1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(List.of(command), -1, "interrupted");
        }
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void onOwnThread(Runnable reader) {
        Thread thread = new Thread(reader, "etcd-testkit-command-output");
        thread.setDaemon(true);
        thread.start();
    }

    /** A system command failed. */
    public static final class CommandException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final String output;

        CommandException(List<String> command, int exitCode, String output) {
            super("'" + String.join(" ", command) + "' failed" + (exitCode >= 0 ? " (exit " + exitCode + ")" : "")
                    + ": " + output);
            this.output = output;
        }

        public String output() {
            return output;
        }
    }
}
