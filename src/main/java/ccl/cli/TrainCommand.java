package ccl.cli;

import ccl.analysis.Probes;
import ccl.config.Config;
import ccl.config.Overrides;
import ccl.run.RunSpec;
import ccl.run.Runs;
import ccl.train.Progress;
import ccl.train.RunOptions;
import ccl.train.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a dual model as the config says. Any config key can be overridden: --lr_F 0.5 --epochs 1.",
                "The run folder gets config.yaml and run.json at the start, metrics.jsonl, best.npz and checkpoint.npz",
                "after every epoch, and summary.json at the end (and reconstructions.png for the autoencoder); the last",
                "line printed is test_acc=<x> test_loss=<y> best_epoch=<n> (test_mse=<x> best_epoch=<n> for the",
                "autoencoder). Ctrl-C stops after the current step with a checkpoint; --resume RUN_DIR continues."})
final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "YAML config (e.g. configs/mlp/mnist_ccl.yaml).")
    Path configFile;

    @Unmatched
    List<String> overrides = new ArrayList<>();

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue the run in this folder from its last checkpoint.")
    Path resume;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/<config>-<time>).")
    Path out;

    @Option(names = "--overwrite", description = "Replace the run files already in --out.")
    boolean overwrite;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for initialization, split and shuffling (default: the config's seed).")
    Long seed;

    @Option(names = "--init-weights", paramLabel = "W.npz", description = "Start from these weights (reference state-dict names).")
    Path initWeights;

    @Option(names = "--save-weights", paramLabel = "W.npz", description = "Also write the tested (best) weights here.")
    Path saveWeights;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.1",
            description = "Part of the training set held out for validation, in [0, 1) (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--probe", paramLabel = "NAME", split = ",",
            description = "Probes to run at --probe-steps, their records in probes.jsonl: cka (the paper's Fig 6).")
    List<String> probes = new ArrayList<>();

    @Option(names = "--probe-steps", paramLabel = "S", split = ",",
            description = "Training steps the probes look at, e.g. 0,20,40,80,160 (0: before the first update).")
    List<Long> probeSteps = new ArrayList<>();

    @Option(names = "--probe-samples", paramLabel = "N", defaultValue = "1000",
            description = "The first N test samples the probes use (default: ${DEFAULT-VALUE}).")
    int probeSamples;

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
        Progress progress = Progress.auto(System.out);
        Runs.Extras extras = new Runs.Extras(saveWeights, command(), progress, List.of());
        Runs.Outcome outcome;
        if (resume != null) {
            refuseWithResume();
            RunSpec recorded = Runs.readSpec(resume);
            engine.apply(recorded.threads());
            outcome = Runs.resume(resume, extras);
            if (outcome.alreadyEnded()) {
                System.out.println(resume + ": this run has already ended (" + outcome.summary().get("status")
                        + "); nothing to resume");
                return 0;
            }
        } else {
            if (configFile == null) {
                throw new IllegalArgumentException("give a CONFIG to train, or --resume RUN_DIR to continue a run");
            }
            RunSpec runSpec = newSpec();
            Runs.Destination where = out != null ? Runs.Destination.folder(out, overwrite)
                    : Runs.Destination.unique(Home.dir().resolve("runs"), stem(configFile));
            outcome = Runs.start(runSpec, where, extras);
        }
        return report(outcome);
    }

    /**
     * The run the command line {@code train ARGS} would start, resolved here without running it and with
     * absolute paths, for an executor that runs it elsewhere through the run API.
     */
    static RunSpec specOf(List<String> trainArgs) {
        if (trainArgs.isEmpty() || !trainArgs.get(0).equals("train")) {
            throw new IllegalArgumentException("not a train command line: " + trainArgs);
        }
        TrainCommand c = new TrainCommand();
        new CommandLine(c).parseArgs(trainArgs.subList(1, trainArgs.size()).toArray(String[]::new));
        RunSpec s = c.newSpec(false);
        return new RunSpec(s.config(), s.options(), s.dataDir().toAbsolutePath().normalize(),
                s.cifar10Archive() == null ? null : s.cifar10Archive().toAbsolutePath().normalize(), s.device(),
                s.threads(), s.probes());
    }

    private RunSpec newSpec() {
        return newSpec(true);
    }

    /** {@code here}: the run is for this JVM, whose engine gets the thread count (checked against its cores). */
    private RunSpec newSpec(boolean here) {
        List<String> optionNames = spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList();
        Config config = Config.load(configFile).withOverrides(Overrides.parse(overrides, optionNames));
        if (seed != null) {
            config = config.withOverrides(Map.of("seed", Long.toString(seed)));
        }
        RunOptions options = new RunOptions(valFraction, !noShuffle, !noAugment,
                maxSteps != null ? maxSteps : Long.MAX_VALUE, batchesPerEpoch != null ? batchesPerEpoch : Integer.MAX_VALUE,
                initWeights);
        int threads = here ? engine.apply(null) : engine.requested();
        return new RunSpec(config, options, dataDir != null ? dataDir : Home.dir().resolve("data"), cifar10Archive,
                engine.device(), threads, new Probes(probes, probeSteps, probeSamples));
    }

    /** A resumed run takes everything from its folder; options that would change it are refused. */
    private void refuseWithResume() {
        boolean changes = configFile != null || !overrides.isEmpty() || out != null || overwrite || seed != null
                || initWeights != null || batchesPerEpoch != null || maxSteps != null || noShuffle || noAugment
                || dataDir != null || cifar10Archive != null || engine.threads != null || !probes.isEmpty()
                || !probeSteps.isEmpty()
                || spec.commandLine().getParseResult().hasMatchedOption("--val-fraction");
        if (changes) {
            throw new IllegalArgumentException("--resume continues a run exactly as it was started; give only "
                    + "--resume RUN_DIR (and --save-weights), not a config, overrides or other run options");
        }
    }

    private int report(Runs.Outcome outcome) {
        RunResult r = outcome.result();
        if (r.status() == RunResult.Status.INTERRUPTED) {
            System.out.println(String.format(Locale.ROOT, "interrupted after step %d, in epoch %d; the checkpoint is in "
                    + "%s. Continue with: ./ccl train --resume %s", r.steps(), r.epochs() + 1, outcome.dir(), outcome.dir()));
            return 130;
        }
        if (!r.tested()) {
            throw new TrainingFailedException("training diverged at step " + r.divergedAtStep() + " before any epoch "
                    + "was validated: there is no model to test (" + outcome.dir() + "/summary.json); lower lr_F/lr_B "
                    + "or turn on grad_clip_F/grad_clip_B");
        }
        if (r.divergedAtStep() != null) {
            System.out.println(String.format(Locale.ROOT, "warning: the loss became non-finite at step %d; training "
                    + "stopped and the best epoch before it (%d) was tested", r.divergedAtStep(), r.bestEpoch()));
        }
        System.out.println(r.testAcc() == null
                ? String.format(Locale.ROOT, "test_mse=%.6f best_epoch=%d", r.testLoss(), r.bestEpoch())
                : String.format(Locale.ROOT, "test_acc=%.4f test_loss=%.4f best_epoch=%d", r.testAcc(), r.testLoss(),
                        r.bestEpoch()));
        return 0;
    }

    /** The whole command line as typed, options included, so the run can be repeated from its records. */
    private String command() {
        return "ccl " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs());
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** A run that ended without a model to test: exit status 1, one error line. */
    static final class TrainingFailedException extends RuntimeException {
        TrainingFailedException(String message) {
            super(message);
        }
    }
}
