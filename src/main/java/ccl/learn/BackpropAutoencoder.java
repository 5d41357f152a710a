package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;

/** Backpropagation for the autoencoder: the MSE between the reconstruction and the input, as the reference. */
public final class BackpropAutoencoder implements LearningRule {
    @Override
    public String name() { return "BP"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray target) {
        List<NDArray> activations = model.forward(x, false);
        return Losses.mse(activations.get(activations.size() - 1), x);
    }

    @Override
    public NDArray evaluationTarget(NDArray x, NDArray target) {
        return x;
    }

    @Override
    public List<Param> trained(DualModel model) {
        return model.params(Side.FORWARD);
    }
}
