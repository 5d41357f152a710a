package ccl.nn;

import ai.djl.ndarray.NDArray;

/**
 * The batch normalization of the FW-DTP code (code/utils.py {@code batch_normalization}): every unit
 * standardized over the batch, (x − mean) / (std + 1e-12) with the unbiased std, no affine, no running
 * statistics, so evaluation uses the statistics of its own batch too. A constant unit divides by ~1e-12
 * and a batch of one is NaN, as there.
 */
public final class BatchStandardize {
    private static final float EPS = 1e-12f;

    private BatchStandardize() {
    }

    /** Over axis 0 of an N×d batch. */
    public static NDArray apply(NDArray x) {
        long n = x.getShape().get(0);
        NDArray centred = x.sub(x.mean(new int[] {0}));
        NDArray std = Ops.div(centred.square().sum(new int[] {0}), n - 1).sqrt(); // on the tape: see Ops.mul
        return centred.div(std.add(EPS));
    }
}
