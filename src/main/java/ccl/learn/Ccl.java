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
    }

    private final LocalLoss local;
    private final boolean filterTarget;

    /** {@code local}: {@link Losses#cclClassification} for MLPs, {@link Losses#cclClassificationNormalized} for CNNs. */
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
}
