package ccl.run;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ccl.analysis.AlignmentProbe;
import ccl.config.Config;
import ccl.data.DataOptions;
import ccl.data.DataProvenance;
import ccl.data.DatasetId;
import ccl.data.Datasets;
import ccl.data.ImageSet;
import ccl.data.InputPipelines;
import ccl.io.AtomicFiles;
import ccl.report.Reconstructions;
import ccl.train.Memory;
import ccl.train.Progress;
import ccl.train.RunResult;
import ccl.train.Trainer;
import ccl.train.TrainingData;
import ccl.train.TrainingListener;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The run API below the CLI: a {@link RunSpec} in, a {@link RunResult} out, with the run folder written
 * along the way. Every check (options, output paths, data, split sizes, initial weights) comes before
 * the folder is touched; a run that is stopped or killed continues with {@link #resume}.
 */
public final class Runs {
    private static final int FEW_VALIDATION_SAMPLES = 100;

    private Runs() {
    }

    /** Where a new run goes: a given folder, or a fresh unique one under {@code parent}. */
    public record Destination(Path dir, Path parent, String stem, boolean overwrite) {
        public static Destination folder(Path dir, boolean overwrite) {
            return new Destination(dir, null, null, overwrite);
        }

        public static Destination unique(Path parent, String stem) {
            return new Destination(null, parent, stem, false);
        }
    }

    /**
     * What a caller adds to a run without changing its numbers: an extra copy of the tested weights (or
     * null), the command line for the records, the progress output, listeners of its own, and whether the
     * process's signals are the run's to handle (not when it runs inside a process that handles them itself).
     */
    public record Extras(Path saveWeights, String command, Progress progress, List<TrainingListener> listeners,
                         boolean stopOnSignals) {
        /** With {@code stopOnSignals}: SIGINT and SIGTERM stop the run with a checkpoint ({@link StopSignals}). */
        public Extras(Path saveWeights, String command, Progress progress, List<TrainingListener> listeners) {
            this(saveWeights, command, progress, listeners, true);
        }

        public static Extras quiet() {
            return new Extras(null, "api", new Progress(new PrintStream(OutputStream.nullOutputStream()), false),
                    List.of());
        }
    }

    /** The folder a run used and its result; {@code result} is null when a resumed run had already ended. */
    public record Outcome(Path dir, RunResult result, Map<String, Object> summary) {
        public boolean alreadyEnded() {
            return result == null;
        }
    }

    public static Outcome start(RunSpec spec, Destination where, Extras extras) {
        if (where.dir() != null) {
            RunFolder.checkNew(where.dir(), where.overwrite());
        }
        return prepared(spec, extras, (trainer, data) -> {
            checkSplit(trainer, spec, extras.progress());
            try (RunFolder folder = where.dir() != null ? RunFolder.open(where.dir(), where.overwrite())
                    : RunFolder.createUnique(where.parent(), where.stem())) {
                folder.writeConfig(spec.config());
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("status", "running");
                run.put("command", extras.command());
                run.put("started", Instant.now().toString());
                run.put("spec", spec.toMap());
                run.put("data", data.provenance());
                run.put("provenance", Provenance.describe(spec.threads()));
                run.put("resumed", List.of());
                folder.writeJson(RunFolder.RUN, run);
                return train(spec, folder, trainer, run, data, extras);
            }
        });
    }

    /**
     * Resolves the device, checks the output path, loads the data and prepares the trainer (every check
     * that can fail), then hands them to {@code body}.
     */
    private static Outcome prepared(RunSpec spec, Extras extras, BiFunction<Trainer, Loaded, Outcome> body) {
        Device device = device(spec.device());
        checkWritable(extras.saveWeights());
        Loaded data = load(spec, extras.progress()::info);
        try (NDManager base = NDManager.newBaseManager(device);
             Trainer trainer = Trainer.prepare(base, spec.config(), spec.options(), data.training())) {
            return body.apply(trainer, data);
        }
    }

    /** Continues the run in {@code dir} from its checkpoint (or from the start if it has none yet). */
    public static Outcome resume(Path dir, Extras extras) {
        Map<String, Object> run = readRun(dir);
        RunSpec spec = specOf(dir, run);
        try (RunFolder folder = RunFolder.open(dir, false)) {
            if (Files.isRegularFile(folder.file(RunFolder.SUMMARY)) && !"interrupted".equals(run.get("status"))) {
                return new Outcome(dir, null, folder.readJson(RunFolder.SUMMARY));
            }
            return prepared(spec, extras, (trainer, data) -> {
                Path checkpoint = folder.file(RunFolder.CHECKPOINT);
                if (Files.isRegularFile(checkpoint)) {
                    trainer.restore(checkpoint);
                }
                extras.progress().info(String.format(Locale.ROOT, "resuming %s after epoch %d, step %d", dir,
                        trainer.state().completedEpochs(), trainer.state().globalStep()));
                List<Object> resumed = new ArrayList<>((List<?>) run.getOrDefault("resumed", List.of()));
                // The build and numerics that continued the run: a jar built later may resume it.
                resumed.add(Map.of("at", Instant.now().toString(), "command", extras.command(),
                        "from_step", trainer.state().globalStep(), "git_commit", Provenance.commit(),
                        "denormals", Denormals.state()));
                run.put("resumed", resumed);
                run.put("status", "running");
                folder.writeJson(RunFolder.RUN, run);
                return train(spec, folder, trainer, run, data, extras);
            });
        }
    }

    /** The specification recorded in a run folder (its config.yaml and run.json). */
    public static RunSpec readSpec(Path dir) {
        return specOf(dir, readRun(dir));
    }

    private static Map<String, Object> readRun(Path dir) {
        if (!Files.isDirectory(dir) || !Files.isRegularFile(dir.resolve(RunFolder.RUN))
                || !Files.isRegularFile(dir.resolve(RunFolder.CONFIG))) {
            throw new IllegalArgumentException(dir + " is not a run folder (it needs " + RunFolder.RUN + " and "
                    + RunFolder.CONFIG + ", which 'ccl train' writes at the start of a run)");
        }
        return RunFolder.readJson(dir.resolve(RunFolder.RUN));
    }

    private static RunSpec specOf(Path dir, Map<String, Object> run) {
        Config config = Config.load(dir.resolve(RunFolder.CONFIG));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) run.get("spec");
        if (spec == null) {
            throw new IllegalArgumentException(dir.resolve(RunFolder.RUN) + " has no 'spec'; it was not written by this "
                    + "version of ccl");
        }
        return RunSpec.fromMap(spec, config);
    }

    private static Outcome train(RunSpec spec, RunFolder folder, Trainer trainer, Map<String, Object> run, Loaded data,
                                 Extras extras) {
        List<TrainingListener> listeners = new ArrayList<>(List.of(extras.progress(), new Memory(), new AlignmentProbe(),
                new MetricsFile(folder.file(RunFolder.METRICS)),
                new WeightsFiles(folder.file(RunFolder.BEST), extras.saveWeights())));
        if (spec.config().isAutoencoder()) {
            listeners.add(new Reconstructions(folder.file(RunFolder.RECONSTRUCTIONS)));
        }
        if (!spec.probes().names().isEmpty()) {
            ProbeFile probes = new ProbeFile(folder.file(RunFolder.PROBES));
            listeners.add(probes);
            listeners.addAll(spec.probes().listeners(probes));
        }
        listeners.addAll(extras.listeners());
        listeners.add(new Checkpoints(folder.file(RunFolder.CHECKPOINT)));
        extras.progress().info(String.format(Locale.ROOT, "%s %s on %s: %d train+val / %d test samples, %d threads, "
                        + "run folder %s", spec.config().getString("method"), spec.config().getString("architecture"),
                data.id().configName(), data.training().train().size(), data.training().test().size(), spec.threads(),
                folder.dir()));
        RunResult r;
        try (StopSignals signals = extras.stopOnSignals() ? new StopSignals(trainer.state()) : null) {
            r = trainer.fit(listeners);
        }
        run.put("status", r.status().name().toLowerCase(Locale.ROOT));
        folder.writeJson(RunFolder.RUN, run);
        if (r.status() == RunResult.Status.INTERRUPTED) {
            return new Outcome(folder.dir(), r, null);
        }
        Map<String, Object> summary = summary(spec, run, r, data);
        folder.writeJson(RunFolder.SUMMARY, summary);
        return new Outcome(folder.dir(), r, summary);
    }

    private static Map<String, Object> summary(RunSpec spec, Map<String, Object> run, RunResult r, Loaded data) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("status", r.status().name().toLowerCase(Locale.ROOT));
        s.put("command", run.get("command"));
        s.put("started", run.get("started"));
        s.put("finished", Instant.now().toString());
        if (spec.config().isAutoencoder()) {
            s.put("test_mse", r.testLoss());
        } else {
            s.put("test_acc", r.testAcc());
            s.put("test_loss", r.testLoss());
        }
        s.put("best_epoch", r.bestEpoch() == 0 ? null : r.bestEpoch());
        s.put("best_val_loss", r.bestValLoss());
        s.put("epochs_run", r.epochs());
        s.put("steps", r.steps());
        s.put("diverged_at_step", r.divergedAtStep());
        s.put("seconds", r.seconds());
        Map<String, Object> d = new LinkedHashMap<>(data.provenance());
        d.put("train_and_val", data.training().train().size());
        d.put("test", data.training().test().size());
        d.putAll(spec.options().toMap());
        s.put("data", d);
        s.put("config", spec.config().flat());
        s.put("provenance", run.get("provenance"));
        return s;
    }

    /** The datasets a spec names, loaded, with where they came from. */
    private record Loaded(DatasetId id, TrainingData training, Map<String, Object> provenance) {
    }

    private static Loaded load(RunSpec spec, Consumer<String> log) {
        InputPipelines pipelines = InputPipelines.forConfig(spec.config());
        DatasetId id = pipelines.storage();
        DataOptions opts = DataOptions.defaults().withDataDir(spec.dataDir()).withCifar10Archive(spec.cifar10Archive())
                .withLog(line -> log.accept("[data] " + line));
        ImageSet train = Datasets.load(id, true, opts);
        ImageSet test = Datasets.load(id, false, opts);
        checkDatasetKeys(spec.config(), train);
        Map<String, Object> provenance = DataProvenance.describe(id, opts);
        if (!Boolean.TRUE.equals(provenance.get("official"))) {
            log.accept("[data] note: " + id.configName() + " in " + provenance.get("folder") + ": " + provenance.get("copy"));
        }
        return new Loaded(id, new TrainingData(train, test, pipelines), provenance);
    }

    /** {@code num_chn} and {@code num_classes}, when a config gives them, must be what the dataset has. */
    private static void checkDatasetKeys(Config config, ImageSet train) {
        if (config.has("num_chn") && config.getInt("num_chn") != train.channels()) {
            throw new IllegalArgumentException(config.origin() + ": num_chn is " + config.getInt("num_chn") + " but "
                    + config.getString("dataset") + " has " + train.channels() + " channel(s); set num_chn: "
                    + train.channels() + " or leave it out");
        }
        if (config.has("num_classes") && !config.isAutoencoder() && config.getInt("num_classes") != train.numClasses()) {
            throw new IllegalArgumentException(config.origin() + ": num_classes is " + config.getInt("num_classes")
                    + " but " + config.getString("dataset") + " has " + train.numClasses() + " classes; set num_classes: "
                    + train.numClasses() + " or leave it out");
        }
    }

    private static void checkSplit(Trainer trainer, RunSpec spec, Progress progress) {
        int train = trainer.state().data().trainIndices().length;
        int validation = trainer.state().data().validationIndices().length;
        int batch = spec.config().getInt("batchsize");
        if (train < batch) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the training split has %d samples, fewer "
                    + "than one batch (batchsize %d, --val-fraction %s); lower batchsize or --val-fraction", train, batch,
                    spec.options().valFraction()));
        }
        if (validation > 0 && validation < FEW_VALIDATION_SAMPLES) {
            progress.info(String.format(Locale.ROOT, "warning: the validation split has only %d samples; the best "
                    + "epoch is chosen on a noisy loss", validation));
        }
    }

    /** Fails now, not after training, if {@code file} cannot be written (a folder, an unwritable place). */
    private static void checkWritable(Path file) {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--save-weights " + file + " is a folder; give a file name, e.g. "
                    + file.resolve("weights.npz"));
        }
        try {
            Path probe = AtomicFiles.tempBeside(file);
            Files.write(probe, new byte[0]);
            Files.delete(probe);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("--save-weights " + file + " cannot be written (" + e.getMessage() + ")");
        }
    }

    /**
     * The device of every manager of a run: {@code cpu}, or {@code gpu} where the engine has one (this build's
     * engine is the CPU one, so gpu is refused clearly). The one place a device name is checked, and where a
     * thread that is about to run a model gets the engine's numerics ({@link Denormals}).
     */
    public static Device device(String name) {
        if (!name.equals("cpu") && !name.equals("gpu")) {
            throw new IllegalArgumentException("--device must be cpu or gpu, got '" + name + "'");
        }
        Denormals.flush();
        if (name.equals("cpu")) {
            return Device.cpu();
        }
        if (Engine.getInstance().getGpuCount() == 0) {
            throw new IllegalArgumentException("--device gpu: no GPU is present to this engine (PyTorch "
                    + Engine.getInstance().getVersion() + "); run with --device cpu");
        }
        return Device.gpu();
    }
}
