package ccl.cli;

import ccl.sweep.LocalExecutor;
import picocli.CommandLine.Option;

/** How the commands that run many points (sweep, paper) spread them over this machine's cores. */
final class ExecutorOptions {
    @Option(names = "--parallel", paramLabel = "N", description = "Runs at once (default: cores / threads per run).")
    Integer parallel;

    @Option(names = "--threads-per-run", paramLabel = "T", description = "Engine threads of each run (default: cores / parallel).")
    Integer threads;

    LocalExecutor local() {
        return LocalExecutor.forCores(parallel, threads);
    }
}
