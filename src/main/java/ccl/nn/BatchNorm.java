package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PyTorch's BatchNorm1d/2d (momentum 0.1, eps 1e-5). The affine weight and bias are state but not
 * trained: the reference gives its optimizers only the {@code forward_layer}/{@code backward_layer}
 * parameters, so they stay at 1 and 0 (and are absent when {@code bn_affine} is 0).
 */
public final class BatchNorm {
    private static final float EPS = 1e-5f;
    private static final float MOMENTUM = 0.1f;

    private final String prefix;
    private final int channels;
    private final NDArray weight;
    private final NDArray bias;
    private final NDArray runningMean;
    private final NDArray runningVar;
    private final NDArray numBatchesTracked;
    private final NDArray ones;
    private final NDArray zeros;

    public BatchNorm(NDManager manager, String prefix, int channels, boolean affine) {
        this.prefix = prefix;
        this.channels = channels;
        this.weight = affine ? manager.ones(new Shape(channels)) : null;
        this.bias = affine ? manager.zeros(new Shape(channels)) : null;
        this.runningMean = manager.zeros(new Shape(channels));
        this.runningVar = manager.ones(new Shape(channels));
        this.numBatchesTracked = manager.create(0L);
        this.ones = affine ? null : manager.ones(new Shape(channels));
        this.zeros = affine ? null : manager.zeros(new Shape(channels));
    }

    /**
     * Normalizes over every axis but the channel axis (1): batch statistics in training (updating the
     * running ones with the unbiased variance), running ones in eval. PyTorch's fused kernel, which
     * accumulates the statistics in double precision: with tiny activations (the autoencoder's
     * 0.001-scaled feedback weights) the variance nears eps and float32 statistics would drift from the
     * reference's.
     */
    public NDArray apply(NDArray x, boolean training) {
        NDArray scale = weight != null ? weight : ones;
        NDArray shift = bias != null ? bias : zeros;
        // DJL hands PyTorch 1 − momentum: 0.9 here is PyTorch's momentum 0.1.
        NDArray y = ai.djl.nn.norm.BatchNorm.batchNorm(x, runningMean, runningVar, scale, shift, 1, 1 - MOMENTUM, EPS,
                training).singletonOrThrow();
        if (training) {
            numBatchesTracked.addi(1);
        }
        return y;
    }

    /** State-dict entries in PyTorch's order: weight, bias, running_mean, running_var, num_batches_tracked. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        if (weight != null) {
            state.put(prefix + ".weight", weight);
            state.put(prefix + ".bias", bias);
        }
        state.put(prefix + ".running_mean", runningMean);
        state.put(prefix + ".running_var", runningVar);
        state.put(prefix + ".num_batches_tracked", numBatchesTracked);
        return state;
    }
}
