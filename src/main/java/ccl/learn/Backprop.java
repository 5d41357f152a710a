package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;
import java.util.Map;

/**
 * Backpropagation through the whole forward network: cross-entropy of the logits for classification;
 * for the autoencoder the MSE between the reconstruction and the input, as the reference's script.
 * With other {@link FeedbackWeights} than the forward weights this is the feedback-alignment family:
 * the same end-to-end error, carried down through fixed random matrices (FA, Lillicrap et al. 2016) or
 * through the sign of the forward weights (uSF, brSF, frSF as in BioTorch).
 */
public final class Backprop implements LearningRule {
    private final String name;
    private final boolean autoencoder;
    private final FeedbackWeights feedback;

    /** Plain backprop. */
    public Backprop(boolean autoencoder) {
        this("BP", autoencoder, FeedbackWeights.TRANSPORT);
    }

    public Backprop(String name, boolean autoencoder, FeedbackWeights feedback) {
        this.name = name;
        this.autoencoder = autoencoder;
        this.feedback = feedback;
    }

    @Override
    public String name() { return name; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray target) {
        List<NDArray> activations = feedback == FeedbackWeights.TRANSPORT
                ? model.forward(x, false) : model.forward(x, feedback);
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

    @Override
    public Map<String, NDArray> state() {
        return feedback.state();
    }

    @Override
    public void loadState(Map<String, NDArray> saved) {
        feedback.loadState(saved);
    }

    @Override
    public FeedbackWeights feedbackWeights() {
        return feedback;
    }
}
