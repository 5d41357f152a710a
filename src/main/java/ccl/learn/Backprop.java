package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;

/**
 * Backpropagation through the whole forward network: cross-entropy of the logits for classification;
 * for the autoencoder the MSE between the reconstruction and the input, as the reference's script.
 */
public final class Backprop implements LearningRule {
    private final boolean autoencoder;

    public Backprop(boolean autoencoder) {
        this.autoencoder = autoencoder;
    }

    @Override
    public String name() { return "BP"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray target) {
        List<NDArray> activations = model.forward(x, false);
        NDArray out = activations.get(activations.size() - 1);
        return autoencoder ? Losses.mse(out, x) : Losses.crossEntropy(out, target);
    }

    /** The autoencoder learns to reconstruct its input, so that is what its output is measured against. */
    @Override
    public NDArray evaluationTarget(NDArray x, NDArray target) {
        return autoencoder ? x : target;
    }

    /** The feedback network takes no part, so its weights never change (PyTorch leaves their grad None). */
    @Override
    public List<Param> trained(DualModel model) {
        return model.params(Side.FORWARD);
    }
}
