package ccl.sweep.spark;

import ccl.config.Config;
import ccl.io.Json;
import ccl.run.RunFolder;
import ccl.run.RunSpec;
import ccl.run.Runs;
import ccl.train.Progress;
import ccl.train.RunResult;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;

/**
 * One sweep point as a Spark task: its run, resolved on the driver ({@link RunSpec#toMap} as JSON), and the
 * run folder on the filesystem every executor shares. On the executor it starts the run through the run API,
 * or resumes it when the folder already holds one (a retry after a lost executor continues from the last
 * checkpoint), and returns the run's summary as a value.
 */
record PointTask(String name, String dir, String spec, String command) implements Serializable {
    /** Written into a point's folder by the driver to stop its run at the next step boundary, with a checkpoint. */
    static final String STOP_FILE = "stop-requested";

    static PointTask of(String name, Path dir, RunSpec spec, String command) {
        PointTask t = new PointTask(name, dir.toAbsolutePath().normalize().toString(), Json.LINE.toJson(spec.toMap()),
                command);
        if (!t.runSpec().config().equals(spec.config())) {
            throw new IllegalStateException("point " + name + ": its config does not survive the trip to an executor");
        }
        return t;
    }

    RunSpec runSpec() {
        Map<String, Object> m = Json.parseObject(spec);
        @SuppressWarnings("unchecked")
        Map<String, Object> flat = (Map<String, Object>) m.get("config");
        return RunSpec.fromMap(m, Config.fromMap(flat, "sweep point " + name));
    }

    /**
     * Runs on an executor: the run's summary (JSON) when it ended, "" when it stopped because the driver asked
     * (its stop file), an exception (so Spark retries it) otherwise.
     */
    String run() throws IOException {
        RunSpec s = runSpec();
        String engineThreads = System.getProperty("ai.djl.pytorch.num_threads");
        if (!Integer.toString(s.threads()).equals(engineThreads)) {
            throw new IllegalStateException("point " + name + " needs " + s.threads() + " engine threads but this "
                    + "executor's engine has " + (engineThreads == null ? "no set count (-Dai.djl.pytorch.num_threads)"
                    : engineThreads) + "; the thread count decides the numbers");
        }
        Path folder = Path.of(dir);
        Files.createDirectories(folder);
        Files.deleteIfExists(folder.resolve(STOP_FILE));
        try (PrintStream log = new PrintStream(new FileOutputStream(folder.resolve("train.log").toFile(), true), true,
                StandardCharsets.UTF_8)) {
            log.println("[spark] " + name + " on executor " + executorId() + ", attempt " + attempt());
            // In an executor's own JVM, SIGTERM (the worker killing it) stops the run with a checkpoint and Spark
            // retries it elsewhere; inside the driver (local[N]) the sweep's signals are the sweep's: it stops its
            // points through their stop files.
            Runs.Extras extras = new Runs.Extras(null, command, new Progress(log, false),
                    List.of(new StopWhenAsked(folder.resolve(STOP_FILE))), !"driver".equals(executorId()));
            Runs.Outcome o = Files.isRegularFile(folder.resolve(RunFolder.RUN)) ? Runs.resume(folder, extras)
                    : Runs.start(s, Runs.Destination.folder(folder, false), extras);
            if (o.result() != null && o.result().status() == RunResult.Status.INTERRUPTED) {
                if (Files.exists(folder.resolve(STOP_FILE))) {
                    // the sweep asked: not a failure for Spark to retry
                    log.println("[spark] " + name + " stopped with a checkpoint: the sweep is stopping");
                    return "";
                }
                throw new IllegalStateException("the run of point " + name + " was stopped; it continues from its "
                        + "checkpoint when tried again");
            }
            return Json.LINE.toJson(Json.finite(o.summary()));
        }
    }

    private static String executorId() {
        return TaskContext.get() == null ? "?" : org.apache.spark.SparkEnv.get().executorId();
    }

    private static int attempt() {
        return TaskContext.get() == null ? 0 : TaskContext.get().attemptNumber();
    }

    /**
     * Stops the run at a step boundary when Spark kills the task or the driver asks with the stop file
     * (looked for at most five times a second: the folder may be on a network filesystem).
     */
    private static final class StopWhenAsked implements TrainingListener {
        private final Path stopFile;
        private final TaskContext task = TaskContext.get();
        private long lastLook;

        StopWhenAsked(Path stopFile) {
            this.stopFile = stopFile;
        }

        @Override
        public void onStepEnd(TrainingState state, float loss, int samples) {
            long now = System.nanoTime();
            if (task != null && task.isInterrupted()) {
                state.requestStop();
            } else if (now - lastLook > 200_000_000L) {
                lastLook = now;
                if (Files.exists(stopFile)) {
                    state.requestStop();
                }
            }
        }
    }
}
