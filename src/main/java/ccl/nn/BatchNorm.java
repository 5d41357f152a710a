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

    public BatchNorm(NDManager manager, String prefix, int channels, boolean affine) {
        this.prefix = prefix;
        this.channels = channels;
        this.weight = affine ? manager.ones(new Shape(channels)) : null;
        this.bias = affine ? manager.zeros(new Shape(channels)) : null;
        this.runningMean = manager.zeros(new Shape(channels));
        this.runningVar = manager.ones(new Shape(channels));
        this.numBatchesTracked = manager.create(0L);
    }

    /** Normalizes over every axis but the channel axis (1): batch statistics in training, running ones in eval. */
    public NDArray apply(NDArray x, boolean training) {
        int[] axes = x.getShape().dimension() == 2 ? new int[] {0} : new int[] {0, 2, 3};
        Shape bcast = x.getShape().dimension() == 2 ? new Shape(1, channels) : new Shape(1, channels, 1, 1);
        NDArray mean;
        NDArray var;
        if (training) {
            mean = Ops.mean(x, axes);
            var = Ops.mean(x.sub(mean).square(), axes);
            long n = x.getShape().size() / channels;
            // Running statistics use the unbiased variance, as torch.batch_norm does.
            runningMean.muli(1 - MOMENTUM).addi(mean.stopGradient().reshape(channels).mul(MOMENTUM));
            runningVar.muli(1 - MOMENTUM).addi(var.stopGradient().reshape(channels).mul(MOMENTUM * n / (float) (n - 1)));
            numBatchesTracked.addi(1);
        } else {
            mean = runningMean.reshape(bcast);
            var = runningVar.reshape(bcast);
        }
        NDArray y = x.sub(mean).div(var.add(EPS).sqrt());
        return weight == null ? y : y.mul(weight.reshape(bcast)).add(bias.reshape(bcast));
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
