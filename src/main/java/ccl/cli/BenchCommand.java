package ccl.cli;

import ccl.bench.Bench;
import ccl.config.Config;
import ccl.io.Json;
import ccl.run.RunSpec;
import ccl.train.RunOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"How fast each config trains here, against what this machine allows: a fixed number of training",
                "steps (timed step to step, data assembly included), the GEMM rate the engine reaches for the model's",
                "fully connected shapes, the memory bandwidth, and the step's lower bound from those (its matrix",
                "products at the GEMM rate plus one read and write of every weight and gradient). Run it on a quiet",
                "machine: another CPU-heavy process halves every number."})
final class BenchCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CONFIG", arity = "0..*",
            description = "YAML configs (default: the MNIST and CIFAR-10 MLPs with CCL).")
    List<Path> configs = new ArrayList<>();

    @Option(names = "--steps", paramLabel = "N", defaultValue = "30", description = "Steps timed (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Steps run first and not timed (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder (default: data/ in the project).")
    Path dataDir;

    @Option(names = "--json", description = "One JSON object per config instead of the table.")
    boolean json;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Override
    public Integer call() {
        List<Path> files = configs.isEmpty()
                ? List.of(Path.of("configs/mlp/mnist_ccl.yaml"), Path.of("configs/mlp/cifar10_ccl.yaml")) : configs;
        List<Config> loaded = files.stream().map(Config::load).toList();
        int threads = engine.apply(null);
        if (!json) {
            System.out.printf("%-32s %7s %9s %10s %9s %9s %9s %10s %7s%n", "CONFIG", "THREADS", "STEPS/S", "SAMPLES/S",
                    "GEMM_GF/S", "MEM_GB/S", "STEP_MS", "BOUND_MS", "SHARE");
        }
        for (int i = 0; i < files.size(); i++) {
            RunSpec spec = new RunSpec(loaded.get(i), RunOptions.defaults(),
                    dataDir != null ? dataDir : Home.dir().resolve("data"), null, engine.device(), threads,
                    ccl.analysis.Probes.none());
            Bench.Result r = Bench.run(files.get(i).toString(), spec, warmup, steps);
            if (json) {
                System.out.println(Json.LINE.toJson(Json.finite(r.toMap())));
            } else {
                System.out.printf(Locale.ROOT, "%-32s %7d %9.2f %10.0f %9.1f %9.1f %9.1f %10.1f %6.0f%%%n", r.config(),
                        r.threads(), r.stepsPerSecond(), r.samplesPerSecond(), r.gemmFlops() / 1e9, r.bandwidth() / 1e9,
                        1e3 * r.stepSeconds(), 1e3 * r.lowerBound(), 100 * r.share());
                StringBuilder split = new StringBuilder("  split, ms per step:");
                r.split().forEach((part, sec) -> split.append(String.format(Locale.ROOT, " %s %.2f",
                        part.name().toLowerCase(Locale.ROOT), 1e3 * sec)));
                System.out.println(split);
            }
        }
        return 0;
    }
}
