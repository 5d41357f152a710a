package ccl.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs an external tool (npm, apt-get, dpkg-deb) with a time limit, quoting its output when it fails. */
final class Processes {

    private Processes() {}

    /** Runs the command in dir; returns its output if it exits 0 in time, else throws naming the command. */
    static String run(Path dir, Duration timeout, String... command) throws IOException {
        String shown = String.join(" ", command);
        Path log = Files.createTempFile(dir, ".command", ".log");
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            process.getOutputStream().close(); // no input: a tool that prompts gets end-of-file, not a hang
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("'" + shown + "' did not finish within " + timeout.toMinutes() + " minutes");
            }
            String output = Files.readString(log);
            if (process.exitValue() != 0) {
                throw new IOException("'" + shown + "' failed with exit code " + process.exitValue() + ": " + tail(output));
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running '" + shown + "'", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String tail(String output) {
        String trimmed = output.strip();
        return trimmed.length() <= 500 ? trimmed : "..." + trimmed.substring(trimmed.length() - 500);
    }
}
