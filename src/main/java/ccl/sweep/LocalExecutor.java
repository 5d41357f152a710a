package ccl.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs each point as its own process ({@code ccl train} in a child JVM with this JVM's memory and system
 * settings), {@code parallel} at a time with {@code threads} engine threads each; a point's output goes to
 * {@code train.log} in its folder.
 */
public final class LocalExecutor implements Sweeps.Executor {
    public static final String LOG = "train.log";

    private final int parallel;
    private final int threads;

    public LocalExecutor(int parallel, int threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        if (parallel < 1 || threads < 1) {
            throw new IllegalArgumentException("--parallel and --threads-per-run must be at least 1");
        }
        if (parallel * threads > cores) {
            throw new IllegalArgumentException("--parallel " + parallel + " × --threads-per-run " + threads + " is more"
                    + " than this machine's " + cores + " cores; oversubscribed runs slow each other many times over");
        }
        this.parallel = parallel;
        this.threads = threads;
    }

    /** As many runs as cores allow with {@code threads} each, when only one of the two is given. */
    public static LocalExecutor forCores(Integer parallel, Integer threads) {
        int cores = Runtime.getRuntime().availableProcessors();
        int p = parallel != null ? parallel : Math.max(1, cores / (threads != null ? threads : cores));
        int t = threads != null ? threads : Math.max(1, cores / p);
        return new LocalExecutor(p, t);
    }

    @Override
    public int parallel() {
        return parallel;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** SIGTERM, then a wait: the run checkpoints at its next step boundary and can be resumed. */
    private static void stop(Process p) {
        p.destroy();
        try {
            if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException again) {
            p.destroyForcibly();
        }
    }

    @Override
    public int run(SweepPoint point, Path dir, boolean resume) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X") || arg.startsWith("-D")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "ccl.cli.Main"));
        cmd.addAll(resume ? List.of("train", "--resume", dir.toString()) : point.trainArgs(dir, threads));
        try {
            Files.createDirectories(dir);
            ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()));
            // The run stops with a checkpoint when this process ends, however it ends (ccl.run.StopSignals).
            builder.environment().put("CCL_STOP_WITH", Long.toString(ProcessHandle.current().pid()));
            Process p = builder.start();
            try {
                return p.waitFor();
            } catch (InterruptedException e) {
                stop(p);
                Thread.currentThread().interrupt();
                return 130;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the run of point " + point.name() + ": " + e.getMessage(), e);
        }
    }
}
