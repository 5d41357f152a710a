package ccl.cli;

import ccl.sweep.ExecutorProvider;
import ccl.sweep.LocalExecutor;
import ccl.sweep.Sweeps;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the commands that run many points (sweep, paper) run them: this machine's cores, or Apache Spark. */
final class ExecutorOptions {
    @Option(names = "--executor", paramLabel = "NAME", defaultValue = "local",
            description = "local (child processes on this machine, the default) or spark (Apache Spark tasks; needs "
                    + "--master and a build made with mvn -Pspark).")
    String executor;

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs at once (local default: cores / threads per run; spark: points submitted at once, "
                    + "default 64, the cluster's slots decide how many run).")
    Integer parallel;

    @Option(names = "--threads-per-run", paramLabel = "T",
            description = "Engine threads of each run (local default: cores / parallel; spark default 1).")
    Integer threads;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master: spark://HOST:7077 for a standalone cluster, local[N] for this machine.")
    String master;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
            description = "A Spark setting, repeatable (e.g. spark.executor.memory=8g).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    /** The executor these options describe; the caller closes it (a Spark executor stops its context). */
    Sweeps.Executor open() {
        if (executor.equals("local")) {
            if (master != null || !sparkConf.isEmpty()) {
                throw new IllegalArgumentException("--master and --spark-conf are for --executor spark; the local "
                        + "executor takes --parallel and --threads-per-run");
            }
            return LocalExecutor.forCores(parallel, threads);
        }
        return ExecutorProvider.open(executor, new ExecutorProvider.Settings(master, parallel, threads, sparkConf,
                (point, dir, t) -> TrainCommand.specOf(point.trainArgs(dir, t))));
    }
}
