package io.github.embeddedetcd.testkit.internal.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs short system commands (ip, tc, kill) with a deadline. */
public final class Commands {

    private static final long TIMEOUT_SECONDS = 10;

    private Commands() {
    }

    /** The command's combined output; throws {@link CommandException} when it fails or hangs. */
    public static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new CommandException(List.of(command), -1, "no answer within " + TIMEOUT_SECONDS + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0) {
                throw new CommandException(List.of(command), process.exitValue(), output);
            }
            return output;
        } catch (IOException e) {
            throw new CommandException(List.of(command), -1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException(List.of(command), -1, "interrupted");
        }
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
