package ccl.bench;

import ai.djl.ndarray.NDManager;
import ccl.analysis.Flops;
import ccl.io.AtomicFiles;
import ccl.nn.MapInfo;
import ccl.nn.Param;
import ccl.run.RunSpec;
import ccl.run.Runs;
import ccl.train.StepTimings;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How fast a config trains here, against what this machine allows: {@code warmup + steps} training steps
 * through the run API (in a scratch run folder, removed after), each step timed from the end of the one
 * before (so data assembly is in it, validation and testing are not), beside a lower bound for the step:
 * its matrix products at the GEMM rate the engine reaches for the model's own shapes, plus one read and
 * one write of every weight and every gradient at the measured memory bandwidth.
 */
public final class Bench {
    /** Bytes per parameter a step must move at least: weight read and write, gradient write and read (float32). */
    static final int BYTES_PER_PARAMETER = 16;

    public record Result(String config, String method, String architecture, String dataset, int batch, int threads,
                         int steps, double stepSeconds, double gemmFlops, double bandwidth, double stepFlops,
                         long parameters, Map<StepTimings.Part, Double> split, long pretrainingSteps) {
        public double stepsPerSecond() {
            return 1 / stepSeconds;
        }

        public double samplesPerSecond() {
            return batch / stepSeconds;
        }

        /** The step's lower bound in seconds: its products at the GEMM rate, its weight traffic at the bandwidth. */
        public double lowerBound() {
            return stepFlops / gemmFlops + (double) BYTES_PER_PARAMETER * parameters / bandwidth;
        }

        /** How much of the step the lower bound is: 1 would be the machine's limit. */
        public double share() {
            return lowerBound() / stepSeconds;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("config", config);
            m.put("method", method);
            m.put("architecture", architecture);
            m.put("dataset", dataset);
            m.put("batch", batch);
            m.put("threads", threads);
            m.put("steps_timed", steps);
            m.put("step_seconds", stepSeconds);
            m.put("steps_per_s", stepsPerSecond());
            m.put("samples_per_s", samplesPerSecond());
            m.put("gemm_gflops", gemmFlops / 1e9);
            m.put("bandwidth_gb_per_s", bandwidth / 1e9);
            m.put("step_gflop", stepFlops / 1e9);
            m.put("parameters", parameters);
            m.put("lower_bound_seconds", lowerBound());
            m.put("share_of_lower_bound", share());
            Map<String, Double> parts = new LinkedHashMap<>();
            split.forEach((p, v) -> parts.put(p.name().toLowerCase(java.util.Locale.ROOT), v));
            m.put("split_seconds_per_step", parts);
            m.put("untimed_pretraining_steps", pretrainingSteps);
            return m;
        }
    }

    private Bench() {
    }

    /**
     * Trains {@code warmup + steps} training steps of the spec's run, after its pre-training epochs if the
     * rule has any (run, not timed), and measures the machine beside it.
     */
    public static Result run(String name, RunSpec spec, int warmup, int steps) {
        if (warmup < 0 || steps < 1) {
            throw new IllegalArgumentException("--warmup must be at least 0 and --steps at least 1");
        }
        StepTimes times = new StepTimes(warmup, steps);
        Path scratch;
        try {
            scratch = Files.createTempDirectory("ccl-bench");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a scratch folder for the bench run: " + e.getMessage(), e);
        }
        try {
            // The listener stops the run once it has timed its steps: a rule's pre-training epochs (target
            // propagation's feedback-only ones) run first, untimed, and count no step against the budget.
            Runs.start(spec,
                    Runs.Destination.folder(scratch.resolve("run"), false),
                    new Runs.Extras(null, "ccl bench", Runs.Extras.quiet().progress(), List.of(times)));
        } finally {
            try {
                AtomicFiles.deleteTree(scratch);
            } catch (IOException ignored) {
                // a scratch folder in the system's temp space
            }
        }
        List<Double> timed = times.intervals.subList(Math.min(warmup, times.intervals.size()), times.intervals.size());
        if (timed.isEmpty()) {
            throw new IllegalStateException(name + ": the run ended before " + (warmup + 1) + " steps (an epoch shorter "
                    + "than --warmup + --steps?)");
        }
        int batch = spec.config().getInt("batchsize");
        Flops.Count count = Flops.count(spec.config(), batch);
        double gemm;
        double bandwidth;
        try (NDManager m = NDManager.newBaseManager()) {
            gemm = Machine.gemmRate(m, gemms(spec.config(), batch), 1.0);
            bandwidth = Machine.bandwidth(m, 1.0);
        }
        return new Result(name, spec.config().getString("method"), spec.config().getString("architecture"),
                spec.config().getString("dataset"), batch, spec.threads(), timed.size(), Stats.median(timed), gemm,
                bandwidth, count.total() * batch, times.parameters, times.split(), times.pretrainingSteps);
    }

    /** The model's fully connected products (forward network) at this batch size, or one square product for a CNN. */
    static List<Machine.Gemm> gemms(ccl.config.Config config, int batch) {
        List<Machine.Gemm> out = new ArrayList<>();
        for (MapInfo map : Flops.maps(config)) {
            if (map.side() == ccl.nn.Side.FORWARD && map.spec() != null && map.spec().op() == ccl.nn.MapSpec.Op.LINEAR) {
                out.add(new Machine.Gemm(batch, map.spec().in(), map.spec().out()));
            }
        }
        return out.isEmpty() ? List.of(new Machine.Gemm(1024, 1024, 1024)) : out;
    }

    /** Step-to-step times, the parameter count of both networks, and the split of the steps after the warm-up. */
    private static final class StepTimes implements TrainingListener {
        private final int warmup;
        final List<Double> intervals = new ArrayList<>();
        long parameters;
        long pretrainingSteps;
        private long last;
        private Map<StepTimings.Part, Double> atWarmup;
        private Map<StepTimings.Part, Double> atEnd;
        private long stepsAtWarmup;
        private long stepsAtEnd;

        private final int total;

        StepTimes(int warmup, int steps) {
            this.warmup = warmup;
            this.total = warmup + steps;
        }

        /** Seconds per timed step, per part. */
        Map<StepTimings.Part, Double> split() {
            Map<StepTimings.Part, Double> m = new java.util.EnumMap<>(StepTimings.Part.class);
            long n = Math.max(1, stepsAtEnd - stepsAtWarmup);
            atEnd.forEach((p, v) -> m.put(p, (v - atWarmup.getOrDefault(p, 0.0)) / n));
            return m;
        }

        @Override
        public void onFitStart(TrainingState state) {
            for (Param p : state.model().params()) {
                parameters += p.value().size();
            }
            atWarmup = state.timings().seconds();
            last = System.nanoTime();
        }

        @Override
        public void onStepEnd(TrainingState state, float loss, int samples) {
            long now = System.nanoTime();
            if (state.pretraining()) {
                pretrainingSteps++;
                last = now;
                atWarmup = state.timings().seconds();
                stepsAtWarmup = state.timings().steps();
                return;
            }
            intervals.add((now - last) / 1e9);
            last = now;
            // the loop has booked this step's parts before telling the listeners: after the warm-up's last step
            // the timings hold exactly the warm-up
            if (intervals.size() == warmup) {
                atWarmup = state.timings().seconds();
                stepsAtWarmup = state.timings().steps();
            }
            atEnd = state.timings().seconds();
            stepsAtEnd = state.timings().steps();
            if (intervals.size() >= total) {
                state.requestStop();
            }
        }

        /** An epoch's first step is timed from the epoch's start: validation between epochs is not a step. */
        @Override
        public void onEpochStart(TrainingState state, int batches) {
            last = System.nanoTime();
        }
    }
}
