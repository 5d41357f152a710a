package ccl.learn;

import ai.djl.ndarray.NDArray;
import ccl.nn.DualModel;
import ccl.nn.Param;
import java.util.List;

/**
 * Counter-current learning of the convolutional autoencoder ({@code C2Loss_ConvAutoEncoder_Legacy}): the
 * forward network encodes and decodes the input, the feedback network runs from the target image down;
 * inner depths are pulled together by {@link Losses#autoencoderTerm} with its normalized part, and the two
 * ends (input vs. the feedback network's output, reconstruction vs. target) by its plain part.
 */
public final class CclAutoencoder implements LearningRule {
    private final float lossScaleC;
    private final float lossScaleD;

    public CclAutoencoder(float lossScaleC, float lossScaleD) {
        this.lossScaleC = lossScaleC;
        this.lossScaleD = lossScaleD;
    }

    /** Every layer's input is detached: each loss is local. */
    @Override
    public boolean detachesLayerInputs() {
        return true;
    }

    @Override
    public String name() { return "CCL"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray target) {
        List<NDArray> activations = model.forward(x, true);
        List<NDArray> signals = model.reverse(target, true);
        int last = activations.size() - 1;
        // The reference's order: inner depths upwards, then the input end, then the output end.
        NDArray total = null;
        for (int i = 1; i < last; i++) {
            NDArray term = Losses.autoencoderTerm(activations.get(i), signals.get(i), true, lossScaleC, lossScaleD);
            total = total == null ? term : total.add(term);
        }
        total = total.add(Losses.autoencoderTerm(activations.get(0), signals.get(0), false, lossScaleC, lossScaleD));
        return total.add(Losses.autoencoderTerm(activations.get(last), signals.get(last), false, lossScaleC, lossScaleD));
    }

    @Override
    public List<Param> trained(DualModel model) {
        return model.params();
    }
}
