package ccl.cli;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.config.Overrides;
import ccl.data.DataOptions;
import ccl.data.DatasetId;
import ccl.data.Datasets;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import ccl.train.Progress;
import ccl.train.RunDirectory;
import ccl.train.Trainer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Unmatched;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a dual model as the config says. Any config key can be overridden: --lr_F 0.5 --epochs 1.",
                "The run folder gets config.yaml, metrics.jsonl, best.npz and summary.json (and reconstructions.png for",
                "the autoencoder); the last line printed is test_acc=<x> test_loss=<y> best_epoch=<n>",
                "(test_mse=<x> best_epoch=<n> for the autoencoder)."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG", description = "YAML config (e.g. configs/mlp/mnist_ccl.yaml).")
    Path configFile;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<config>-<time>).")
    Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialization, split and shuffling (default: the config's seed).")
    Long seed;

    @Option(names = "--init-weights", paramLabel = "W.npz", description = "Start from these weights (reference state-dict names).")
    Path initWeights;

    @Option(names = "--save-weights", paramLabel = "W.npz", description = "Also write the best weights here.")
    Path saveWeights;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Part of the training set held out for validation (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--no-shuffle", description = "Keep the training order fixed instead of shuffling each epoch.")
    boolean noShuffle;

    @Option(names = "--no-augment", description = "Train on the evaluation pipeline: no random crops or flips.")
    boolean noAugment;

    @Option(names = "--batches-per-epoch", paramLabel = "N",
            description = "Train on at most N batches per epoch (the reference's autoencoder script uses 101).")
    Integer batchesPerEpoch;

    @Option(names = "--max-steps", paramLabel = "N", description = "Stop after N training steps in all (for smoke runs).")
    Long maxSteps;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Dataset folder (default: data/ in the project).")
    Path dataDir;

    @Option(names = "--cifar10-archive", paramLabel = "TAR_GZ",
            description = "A CIFAR-10 image-folder archive to use when CIFAR-10 is missing.")
    Path cifar10Archive;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Config config = Config.load(configFile).withOverrides(Overrides.parse(overrides));
        if (seed != null) {
            config = config.withOverrides(Map.of("seed", Long.toString(seed)));
        }
        engine.apply();
        InputPipelines pipelines = InputPipelines.forConfig(config);
        if (noAugment) {
            pipelines = pipelines.withoutAugmentation();
        }
        DatasetId id = pipelines.storage();
        DataOptions data = DatasetsCommand.dataOptions(dataDir, cifar10Archive);
        ImageSet train = Datasets.load(id, true, data);
        ImageSet test = Datasets.load(id, false, data);

        Path runDir = out != null ? out : Home.dir().resolve("runs").resolve(stem(configFile) + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDirectory run = new RunDirectory(runDir);
        run.writeConfig(config);
        Trainer.Options options = new Trainer.Options(config.getInt("seed"), valFraction, !noShuffle,
                maxSteps != null ? maxSteps : Long.MAX_VALUE, batchesPerEpoch != null ? batchesPerEpoch : Integer.MAX_VALUE,
                initWeights, saveWeights);
        Progress progress = Progress.auto(System.out);
        progress.info(String.format(Locale.ROOT, "%s %s on %s: %d train+val / %d test samples, %d threads, run folder %s",
                config.getString("method"), config.getString("architecture"), id.configName(), train.size(), test.size(),
                engine.threadCount(), runDir));

        Map<String, Object> summary = new LinkedHashMap<>();
        // The whole command line as typed, options included, so the run can be repeated from its summary.
        summary.put("command", "ccl " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
        summary.put("started", java.time.Instant.now().toString());
        try (NDManager manager = NDManager.newBaseManager()) {
            Trainer.Result r = new Trainer(config, options, run, progress).fit(manager, train, test, pipelines);
            summary.put("finished", java.time.Instant.now().toString());
            boolean autoencoder = pipelines.task() != null;
            if (autoencoder) {
                summary.put("test_mse", r.testLoss());
            } else {
                summary.put("test_acc", r.testAcc());
                summary.put("test_loss", r.testLoss());
            }
            summary.put("best_epoch", r.bestEpoch());
            summary.put("best_val_loss", r.bestValLoss());
            summary.put("epochs_run", r.epochs());
            summary.put("diverged_at_step", r.divergedAtStep() < 0 ? null : r.divergedAtStep());
            summary.put("seconds", r.seconds());
            Map<String, Object> dataSummary = new LinkedHashMap<>(Map.of("dataset", id.configName(), "train_and_val", train.size(),
                    "test", test.size(), "val_fraction", valFraction, "shuffle", !noShuffle,
                    "augment", !noAugment && pipelines.train().random(), "data_dir", data.dataDir().toString()));
            dataSummary.put("batches_per_epoch", batchesPerEpoch);
            dataSummary.put("max_steps", maxSteps);
            summary.put("data", dataSummary);
            summary.put("config", config.flat());
            summary.put("provenance", Provenance.describe(engine.threadCount()));
            run.writeSummary(summary);
            System.out.println(autoencoder
                    ? String.format(Locale.ROOT, "test_mse=%.6f best_epoch=%d", r.testLoss(), r.bestEpoch())
                    : String.format(Locale.ROOT, "test_acc=%.4f test_loss=%.4f best_epoch=%d", r.testAcc(), r.testLoss(),
                            r.bestEpoch()));
        }
        return 0;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
