package ccl.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Run-level choices that change results but are not part of the reference's config (the seed is: the
 * config's {@code seed}). Checked when made, so a run that would train nothing never starts.
 *
 * @param valFraction part of the training set held out for validation, in [0, 1)
 * @param shuffle whether each epoch visits the training samples in a fresh order
 * @param augment whether the training pipeline's random crops and flips apply
 * @param maxSteps training steps in all, at least 1 ({@link Long#MAX_VALUE}: no limit)
 * @param batchesPerEpoch batches per epoch at most, at least 1 ({@link Integer#MAX_VALUE}: no limit)
 * @param initWeights weights to start from (the reference's state-dict names), or null
 */
public record RunOptions(double valFraction, boolean shuffle, boolean augment, long maxSteps, int batchesPerEpoch,
                         Path initWeights) {
    public RunOptions {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("--val-fraction must be at least 0 and below 1 (0.1 holds out a "
                    + "tenth for validation), got " + valFraction);
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("--max-steps must be at least 1, got " + maxSteps);
        }
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("--batches-per-epoch must be at least 1, got " + batchesPerEpoch);
        }
    }

    /** The reference's choices: a tenth held out, shuffled, augmented, no limits. */
    public static RunOptions defaults() {
        return new RunOptions(0.1, true, true, Long.MAX_VALUE, Integer.MAX_VALUE, null);
    }

    public RunOptions withValFraction(double f) {
        return new RunOptions(f, shuffle, augment, maxSteps, batchesPerEpoch, initWeights);
    }

    public RunOptions withMaxSteps(long n) {
        return new RunOptions(valFraction, shuffle, augment, n, batchesPerEpoch, initWeights);
    }

    public RunOptions withBatchesPerEpoch(int n) {
        return new RunOptions(valFraction, shuffle, augment, maxSteps, n, initWeights);
    }

    public RunOptions withShuffle(boolean on) {
        return new RunOptions(valFraction, on, augment, maxSteps, batchesPerEpoch, initWeights);
    }

    public RunOptions withAugment(boolean on) {
        return new RunOptions(valFraction, shuffle, on, maxSteps, batchesPerEpoch, initWeights);
    }

    public RunOptions withInitWeights(Path file) {
        return new RunOptions(valFraction, shuffle, augment, maxSteps, batchesPerEpoch, file);
    }

    /** For run.json: limits that are not set are null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val_fraction", valFraction);
        m.put("shuffle", shuffle);
        m.put("augment", augment);
        m.put("max_steps", maxSteps == Long.MAX_VALUE ? null : maxSteps);
        m.put("batches_per_epoch", batchesPerEpoch == Integer.MAX_VALUE ? null : batchesPerEpoch);
        m.put("init_weights", initWeights == null ? null : initWeights.toString());
        return m;
    }

    /** The inverse of {@link #toMap}, for resuming from run.json. */
    public static RunOptions fromMap(Map<String, Object> m) {
        Object steps = m.get("max_steps");
        Object batches = m.get("batches_per_epoch");
        Object init = m.get("init_weights");
        return new RunOptions(((Number) m.get("val_fraction")).doubleValue(), (Boolean) m.get("shuffle"),
                (Boolean) m.get("augment"), steps == null ? Long.MAX_VALUE : ((Number) steps).longValue(),
                batches == null ? Integer.MAX_VALUE : ((Number) batches).intValue(),
                init == null ? null : Path.of((String) init));
    }
}
