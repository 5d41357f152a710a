package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;

/** Backpropagation: cross-entropy of the logits, gradients through the whole forward network. */
public final class Backprop implements LearningRule {
    @Override
    public String name() { return "BP"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray labels) {
        List<NDArray> activations = model.forward(x, false);
        return Losses.crossEntropy(activations.get(activations.size() - 1), labels);
    }

    /** The feedback network takes no part, so its weights never change (PyTorch leaves their grad None). */
    @Override
    public List<Param> trained(DualModel model) {
        return model.params(Side.FORWARD);
    }
}
