package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import java.util.List;

/**
 * Counter-current learning for classification (Kao &amp; Hariharan 2024, the reference's
 * {@code C2Loss_Classification}, {@code C2Loss_Classification_CNN_Test} for CNNs): both networks run with
 * every layer input detached; the forward activation and the feedback signal at each depth but the last
 * are pulled together by a local loss, and the logits learn from cross-entropy. Every loss term is local.
 */
public final class Ccl implements LearningRule {
    /** The loss term at one depth: activations A against the class feedback signals B. */
    @FunctionalInterface
    public interface LocalLoss {
        NDArray apply(NDArray a, NDArray b, NDArray oneHot, NDArray mask);

        /**
         * FLOPs of the term's matrix products and their gradients for one batch, A (n×d) against B (k×d);
         * {@code gradientOfA}: A is an activation, not the input data. 0 unless the term says.
         */
        default double productFlops(long n, long k, long d, boolean gradientOfA) {
            return 0;
        }
    }

    /** The MLPs' term, {@link Losses#cclClassification}: S = A·Bᵀ, and its gradients for B and A. */
    public record Aligned(float lossScaleC) implements LocalLoss {
        @Override
        public NDArray apply(NDArray a, NDArray b, NDArray oneHot, NDArray mask) {
            return Losses.cclClassification(a, b, oneHot, mask, lossScaleC);
        }

        @Override
        public double productFlops(long n, long k, long d, boolean gradientOfA) {
            return (gradientOfA ? 3 : 2) * 2.0 * n * k * d;
        }
    }

    /**
     * The CNNs' term, {@link Losses#cclClassificationNormalized}: Â·B̂ᵀ as for MLPs, plus Â·Âᵀ and B̂·B̂ᵀ,
     * whose gradients are two products each.
     */
    public record Normalized(float lossScaleC, float lossScaleSsl) implements LocalLoss {
        @Override
        public NDArray apply(NDArray a, NDArray b, NDArray oneHot, NDArray mask) {
            return Losses.cclClassificationNormalized(a, b, oneHot, mask, lossScaleC, lossScaleSsl);
        }

        @Override
        public double productFlops(long n, long k, long d, boolean gradientOfA) {
            double align = (gradientOfA ? 3 : 2) * 2.0 * n * k * d;
            double selfA = (gradientOfA ? 3 : 1) * 2.0 * n * n * d;
            double selfB = 3 * 2.0 * k * k * d;
            return align + selfA + selfB;
        }
    }

    private final LocalLoss local;
    private final boolean filterTarget;

    /** {@code local}: {@link Aligned} for MLPs, {@link Normalized} for CNNs. */
    public Ccl(LocalLoss local, boolean filterTarget) {
        this.local = local;
        this.filterTarget = filterTarget;
    }

    /** Every layer's input is detached: each loss is local. */
    @Override
    public boolean detachesLayerInputs() {
        return true;
    }

    @Override
    public String name() { return "CCL"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray labels) {
        List<NDArray> activations = model.forward(x, true);
        List<NDArray> signals = model.reverse(model.classTargets(x.getManager()), true);
        NDArray logits = activations.get(activations.size() - 1);
        NDArray oneHot = labels.oneHot(model.numClasses());
        NDArray mask = filterTarget ? Losses.confidentSampleMask(logits, oneHot) : null;
        // Same summation order as the reference: local terms from the input upwards, then cross-entropy.
        NDArray total = null;
        for (int i = 0; i + 1 < activations.size(); i++) {
            NDArray term = local.apply(activations.get(i), signals.get(i), oneHot, mask);
            total = total == null ? term : total.add(term);
        }
        return total.add(Losses.crossEntropy(logits, labels));
    }

    @Override
    public List<Param> trained(DualModel model) {
        return model.params();
    }

    /** The local terms at every depth but the last; the one at depth 0 compares the input, which needs no gradient. */
    @Override
    public double productFlops(long[] depthSizes, int classes, int batch) {
        double flops = 0;
        for (int i = 0; i + 1 < depthSizes.length; i++) {
            flops += local.productFlops(batch, classes, depthSizes[i], i > 0);
        }
        return flops;
    }
}
