/*
 * Copyright 2026 The embedded-etcd Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.embeddedetcd.internal.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a short helper command to its end with a deadline. Its output is read while it runs, so a
 * command that prints more than a pipe holds cannot hang waiting for its reader.
 */
public final class Command {

    /** How a command ended; {@code exitCode} is -1 when it was killed at the deadline. */
    public record Result(int exitCode, String output, boolean timedOut) {
    }

    private Command() {
    }

    /**
     * @throws IOException when the command cannot be started
     * @throws InterruptedException when interrupted while waiting (the command is killed)
     */
    public static Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.PIPE).start();
        process.getOutputStream().close();
        CompletableFuture<String> output = readInBackground(process.getInputStream(), command.get(0));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, outputOf(output), true);
            }
            return new Result(process.exitValue(), outputOf(output), false);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static CompletableFuture<String> readInBackground(InputStream stream, String program) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                text.completeExceptionally(new UncheckedIOException(e));
            }
        }, "embedded-etcd-command-" + program);
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** What the command printed; a killed command's pipe closes at once, so this wait is short. */
    private static String outputOf(CompletableFuture<String> output) throws InterruptedException {
        try {
            return output.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
