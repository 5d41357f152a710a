package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.Ops;

/**
 * Loss terms shared by the learning rules, each matching a PyTorch expression of the reference. Scalars
 * enter the tape only through {@link Ops#mul} and {@link Ops#div}.
 */
public final class Losses {
    private Losses() {
    }

    /**
     * {@code nn.CrossEntropyLoss()} on logits (N×C) and int64 class indices: the mean negative
     * log-softmax of the true class, gathered as nll_loss does (a one-hot product would turn a −inf of
     * another class into NaN).
     */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        return logp.gather(labels.reshape(-1, 1), 1).mean().neg();
    }

    /**
     * The CCL classification loss at one depth ({@code compute_scl_loss_classification}): A (N×d) against
     * the feedback signals of the C classes B (C×d); S = A·Bᵀ should equal the one-hot labels Y:
     * {@code mean((S − Y)²) / d · loss_scale_C · 256}. {@code mask} (N) zeroes rows of A, or is null.
     */
    public static NDArray cclClassification(NDArray a, NDArray b, NDArray oneHot, NDArray mask, float lossScaleC) {
        long n = a.getShape().get(0);
        NDArray a2 = a.reshape(n, -1);
        if (mask != null) {
            a2 = a2.mul(mask.reshape(n, 1));
        }
        NDArray b2 = b.reshape(b.getShape().get(0), -1);
        long d = a2.getShape().get(1);
        NDArray s = a2.matMul(b2.transpose());
        return Ops.mul(Ops.div(s.sub(oneHot).square().mean(), d), lossScaleC * 256f);
    }

    /**
     * The CCL classification loss of the reference's CNNs ({@code compute_scl_loss_classification_cnn_test}):
     * both sides flattened per sample and L2-normalized (eps 1e-8); {@code mean((Â·B̂ᵀ − Y)²) · loss_scale_C}
     * plus the decorrelation terms {@code mean((Â·Âᵀ − I)²)} and {@code mean((B̂·B̂ᵀ − I)²)}, each
     * {@code · loss_scale_ssl}. {@code mask} (N) zeroes rows of A before normalizing, or is null.
     */
    public static NDArray cclClassificationNormalized(NDArray a, NDArray b, NDArray oneHot, NDArray mask,
                                                      float lossScaleC, float lossScaleSsl) {
        long n = a.getShape().get(0);
        NDArray a2 = a.reshape(n, -1);
        if (mask != null) {
            a2 = a2.mul(mask.reshape(n, 1));
        }
        NDArray an = unitRows(a2);
        NDArray bn = unitRows(b.reshape(b.getShape().get(0), -1));
        NDArray align = Ops.mul(an.matMul(bn.transpose()).sub(oneHot).square().mean(), lossScaleC);
        NDArray decorrelateA = an.matMul(an.transpose()).sub(a.getManager().eye((int) n)).square().mean();
        NDArray decorrelateB = bn.matMul(bn.transpose()).sub(a.getManager().eye((int) bn.getShape().get(0))).square().mean();
        return align.add(Ops.mul(decorrelateA, lossScaleSsl)).add(Ops.mul(decorrelateB, lossScaleSsl));
    }

    /**
     * The autoencoder's loss at one depth ({@code compute_SCL_loss_AE} of models_cnn_ae_legacy.py) with H the
     * maps' height: {@code mse(A, B)·H·loss_scale_C}, plus for inner depths {@code mse(Â, B̂)·H·loss_scale_D}
     * where each channel map is centred and L2-normalized over its H×W positions (eps 1e-8).
     */
    public static NDArray autoencoderTerm(NDArray a, NDArray b, boolean inner, float lossScaleC, float lossScaleD) {
        float h = a.getShape().get(2);
        NDArray loss = Ops.mul(a.sub(b).square().mean(), h * lossScaleC);
        if (!inner) {
            return loss;
        }
        NDArray an = unitMaps(a);
        NDArray bn = unitMaps(b);
        return loss.add(Ops.mul(an.sub(bn).square().mean(), h * lossScaleD));
    }

    /** Each (sample, channel) map minus its mean, divided by its L2 norm plus 1e-8. */
    static NDArray unitMaps(NDArray x) {
        NDArray centred = x.sub(Ops.mean(x, 2, 3));
        return centred.div(centred.square().sum(new int[] {2, 3}, true).sqrt().add(1e-8f));
    }

    /** {@code F.mse_loss}: the mean squared difference. */
    public static NDArray mse(NDArray a, NDArray b) {
        return a.sub(b).square().mean();
    }

    /** Rows divided by their L2 norm plus 1e-8 (the reference's {@code normalize_along_axis}). */
    static NDArray unitRows(NDArray x) {
        return x.div(x.norm(new int[] {1}, true).add(1e-8f));
    }

    /**
     * The {@code filter_target} mask: 0 for samples whose softmax probability of the true class is
     * within 0.1 of 1 (already learned), 1 otherwise. Computed without gradient, as in the reference.
     */
    public static NDArray confidentSampleMask(NDArray logits, NDArray oneHot) {
        NDArray p = logits.stopGradient().softmax(1);
        NDArray close = p.sub(oneHot).abs().lt(0.1f).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return close.mul(oneHot).sum(new int[] {1}).neg().add(1f);
    }
}
