package ccl.cli;

import ai.djl.engine.Engine;
import picocli.CommandLine.Option;

/** Options every engine-using command shares: thread count and device. Applied before the engine loads. */
final class EngineOptions {
    @Option(names = "--threads", paramLabel = "N", description = "Intra-op threads of the engine (default: all cores).")
    Integer threads;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu",
            description = "cpu (default) or gpu. This build ships PyTorch's CPU native library.")
    String device;

    void apply() {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (n < 1) {
            throw new IllegalArgumentException("--threads must be at least 1, got " + n);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        switch (device) {
            case "cpu" -> { }
            case "gpu", "cuda" -> {
                if (Engine.getInstance().getGpuCount() == 0) {
                    throw new IllegalArgumentException("--device " + device + ": no GPU is present to this engine "
                            + "(PyTorch " + Engine.getInstance().getVersion() + ", CPU native library "
                            + "pytorch-native-cpu); run with --device cpu");
                }
                throw new IllegalArgumentException("--device " + device + ": a GPU is present, but this build ships "
                        + "only the CPU native library; run with --device cpu");
            }
            default -> throw new IllegalArgumentException("--device must be cpu or gpu, got '" + device + "'");
        }
    }

    int threadCount() {
        return Integer.parseInt(System.getProperty("ai.djl.pytorch.num_threads"));
    }
}
