package ccl.cli;

import ccl.run.Runs;
import picocli.CommandLine.Option;

/** Options every engine-using command shares: thread count and device. Applied before the engine loads. */
final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads of the engine (default: all cores).")
    Integer threads;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu",
            description = "cpu (default) or gpu (needs an engine with a GPU; this build ships PyTorch's CPU library).")
    String device;

    /**
     * Sets the engine's thread count (the given one, else {@code --threads}, else every core) and returns
     * it. More threads than cores are refused: they only make each step wait (20x slower at 1000).
     */
    int apply(Integer recorded) {
        int cores = Runtime.getRuntime().availableProcessors();
        int n = recorded != null ? recorded : threads != null ? threads : cores;
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        if (n > cores) {
            throw new IllegalArgumentException("--threads " + n + " is more than this machine's " + cores
                    + " cores; use at most " + cores + (recorded != null ? " (the run was started with " + n
                    + "; resume it on a machine with as many cores, since the thread count decides the numbers)" : ""));
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Runs.device(device);
        return n;
    }

    /**
     * The thread count asked for (else every core here) without applying it: for a run that another machine's
     * engine runs, whose cores are its own to check.
     */
    int requested() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        return n;
    }

    String device() {
        return device;
    }
}
