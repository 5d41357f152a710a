package ccl.sweep.spark;

import ccl.run.RunSpec;
import ccl.sweep.ExecutorProvider;
import ccl.sweep.SweepPoint;
import ccl.sweep.Sweeps;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs each sweep point as one Apache Spark task: a job of one task per point, up to {@code parallel} jobs
 * submitted at once, so the cluster's free slots decide how many run. Each executor runs one point at a time
 * with {@code threads} engine threads ({@code spark.executor.cores = spark.task.cpus = threads}), reading
 * the data and writing the run folder on the filesystem all nodes share. A task whose executor is lost is
 * retried by Spark ({@code spark.task.maxFailures}); the retry resumes the run from its last checkpoint,
 * so a lost executor costs at most the epoch it was in.
 *
 * <p>The executors run this build's jar, at the same path as on the submitting machine, on their class path
 * ({@code spark.executor.extraClassPath}); the Spark jars come from the cluster's installation.
 */
public final class SparkExecutor implements Sweeps.Executor {
    /** Registers {@code --executor spark}. */
    public static final class Provider implements ExecutorProvider {
        @Override
        public String name() {
            return "spark";
        }

        @Override
        public Sweeps.Executor open(Settings settings) {
            return new SparkExecutor(settings);
        }
    }

    private static final int DEFAULT_PARALLEL = 64;
    /** How long a stopped run has to reach a step boundary and write its checkpoint before its task is killed. */
    private static final long STOP_WAIT_SECONDS = 120;
    private static final long WATCH_SECONDS = 30;

    private final String master;
    private final int parallel;
    private final int threads;
    private final Map<String, String> conf;
    private final ExecutorProvider.PointRuns runs;
    private JavaSparkContext context;
    private boolean closed;
    /** The points whose jobs are running, by folder: a stopping sweep asks each to stop with a checkpoint. */
    private final java.util.concurrent.ConcurrentMap<Path, JavaFutureAction<List<String>>> running =
            new java.util.concurrent.ConcurrentHashMap<>();

    SparkExecutor(ExecutorProvider.Settings s) {
        if (s.master() == null || s.master().isBlank()) {
            throw new IllegalArgumentException("--executor spark needs --master URL: spark://HOST:7077 for a standalone "
                    + "cluster, or local[N] to run the points in this process with N engine threads");
        }
        if (!s.master().matches("spark://.+|local(\\[(\\*|\\d+)(,\\d+)?])?|yarn|k8s://.+")) {
            throw new IllegalArgumentException("--master " + s.master() + " is not a Spark master URL; give spark://HOST:PORT,"
                    + " local[N], yarn or k8s://HOST:PORT");
        }
        this.parallel = s.parallel() != null ? s.parallel() : DEFAULT_PARALLEL;
        Integer slots = localSlots(s.master());
        if (slots != null && s.threads() != null && !s.threads().equals(slots)) {
            throw new IllegalArgumentException("--master " + s.master() + " runs the points in this process one at a "
                    + "time with " + slots + " engine threads (the engine records gradients for one model per process), "
                    + "so --threads-per-run " + s.threads() + " does not apply; for several runs at once on one machine "
                    + "use --executor local --parallel N, or a standalone cluster");
        }
        this.threads = slots != null ? slots : s.threads() != null ? s.threads() : 1;
        if (parallel < 1 || threads < 1) {
            throw new IllegalArgumentException("--parallel and --threads-per-run must be at least 1");
        }
        for (String key : s.conf().keySet()) {
            if (!key.startsWith("spark.")) {
                throw new IllegalArgumentException("--spark-conf " + key + ": Spark settings start with 'spark.' "
                        + "(e.g. spark.executor.memory=8g)");
            }
        }
        this.master = s.master();
        this.conf = new LinkedHashMap<>(s.conf());
        this.runs = s.runs();
    }

    /** N of local[N] (local: 1, local[*]: the cores), or null for a cluster. */
    private static Integer localSlots(String master) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?").matcher(master);
        if (!m.matches()) {
            return null;
        }
        String n = m.group(1);
        return n == null ? 1 : n.equals("*") ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(n);
    }

    @Override
    public int parallel() {
        return parallel;
    }

    @Override
    public int threads() {
        return threads;
    }

    /** The settings the context starts with: ours first, then the user's {@code --spark-conf} over them. */
    Map<String, String> settings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("spark.app.name", "ccl sweep");
        m.put("spark.ui.enabled", "false");
        m.put("spark.log.level", "WARN");
        m.put("spark.executor.cores", Integer.toString(threads));
        m.put("spark.task.cpus", Integer.toString(threads));
        m.put("spark.executor.memory", "6g");
        m.put("spark.task.maxFailures", "4");
        m.put("spark.executor.extraClassPath", absoluteClassPath());
        // as the launcher runs ccl: the serial collector keeps the heap near what the run holds
        m.put("spark.executor.extraJavaOptions", "-XX:+UseSerialGC -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="
                + threads + " -Dai.djl.pytorch.num_interop_threads=1");
        for (String env : List.of("DJL_CACHE_DIR", "TORCH_CPP_LOG_LEVEL", "MALLOC_ARENA_MAX")) {
            if (System.getenv(env) != null) {
                m.put("spark.executorEnv." + env, System.getenv(env));
            }
        }
        // The user's executor options come after ours, not instead of them: the engine's thread count decides the numbers.
        conf.forEach((k, v) -> m.merge(k, v, (ours, theirs) -> k.equals("spark.executor.extraJavaOptions")
                ? ours + " " + theirs : theirs));
        return m;
    }

    private synchronized JavaSparkContext context() {
        if (closed) {
            throw new IllegalStateException("the Spark executor is closed");
        }
        if (context == null) {
            SparkConf c = new SparkConf().setMaster(master);
            settings().forEach(c::set);
            if (master.startsWith("local") && System.getProperty("ai.djl.pytorch.num_threads") == null) {
                // local[N] runs the tasks in this JVM: its engine (not loaded yet) gets the runs' thread count
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            }
            context = new JavaSparkContext(c);
            // Spark stops its context in a shutdown hook of its own, which would kill the running points where they
            // stand; this one runs before it (a higher priority runs first) and lets them reach a checkpoint.
            org.apache.spark.util.ShutdownHookManager.addShutdownHook(
                    org.apache.spark.util.ShutdownHookManager.SPARK_CONTEXT_SHUTDOWN_PRIORITY() + 1, () -> {
                        stopRunning();
                        return scala.runtime.BoxedUnit.UNIT;
                    });
        }
        return context;
    }

    @Override
    public int run(SweepPoint point, Path dir, boolean resume) {
        RunSpec spec = runs.spec(point, dir.toAbsolutePath(), threads);
        PointTask task = PointTask.of(point.name(), dir, spec, "ccl sweep --executor spark --master " + master
                + " (point " + point.name() + ")");
        JavaSparkContext sc = context();
        // The job group is per thread: each point's job can be told apart in Spark's logs and cancelled alone.
        sc.setJobGroup(point.name(), "ccl point " + point.name(), false);
        JavaFutureAction<List<String>> job = sc.parallelize(List.of(task), 1).map(PointTask::run).collectAsync();
        running.put(dir, job);
        try {
            for (long waited = 0; ; waited += WATCH_SECONDS) {
                try {
                    // an empty result: the run stopped with a checkpoint because the sweep is stopping
                    return job.get(WATCH_SECONDS, TimeUnit.SECONDS).get(0).isEmpty() ? 130 : 0;
                } catch (TimeoutException stillRunning) {
                    warnWithoutExecutors(sc, waited + WATCH_SECONDS);
                }
            }
        } catch (InterruptedException e) {
            stopRunning();
            Thread.currentThread().interrupt();
            return 130;
        } catch (ExecutionException e) {
            log(dir, "[spark] the task failed " + conf.getOrDefault("spark.task.maxFailures", "4") + " times: "
                    + rootMessage(e));
            return 1;
        } finally {
            running.remove(dir);
        }
    }

    /** Spark waits quietly for executors that a cluster without free cores or memory never starts: say so. */
    private void warnWithoutExecutors(JavaSparkContext sc, long waited) {
        // the driver itself is one of the executors Spark lists
        if (localSlots(master) == null && sc.statusTracker().getExecutorInfos().length <= 1 && waited % 300 == 60) {
            System.err.printf("[spark] no executor has started on %s after %d s: a worker needs %s free cores and %s "
                    + "of free memory (spark.executor.cores, spark.executor.memory; set them with --spark-conf)%n", master,
                    waited, settings().get("spark.executor.cores"), settings().get("spark.executor.memory"));
        }
    }

    /**
     * Asks every running point to stop with a checkpoint (a file in its folder, which its task looks for as it
     * trains), waits up to {@value #STOP_WAIT_SECONDS} s for them all, then cancels what is left.
     */
    private void stopRunning() {
        for (Path dir : running.keySet()) {
            try {
                Files.writeString(dir.resolve(PointTask.STOP_FILE), "the sweep was stopped\n");
            } catch (IOException e) {
                // its job is cancelled below; the run resumes from its last epoch's checkpoint
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        for (JavaFutureAction<List<String>> job : running.values()) {
            try {
                job.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException ignored) {
                // cancelled below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                if (!job.isDone()) {
                    job.cancel(true);
                }
            }
        }
    }

    private static void log(Path dir, String line) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("train.log"), line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the failure is reported by the sweep with the exit status anyway
        }
    }

    private static String rootMessage(Throwable t) {
        String last = String.valueOf(t.getMessage());
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getMessage() != null) {
                last = c.getMessage();
            }
        }
        return last.lines().findFirst().orElse(last);
    }

    /** This JVM's class path with absolute entries, so an executor with another working directory finds it. */
    private static String absoluteClassPath() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(Path.of(e).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (context != null) {
            context.stop();
            context = null;
        }
    }
}
