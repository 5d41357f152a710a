package ccl.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Direct feedback to every hidden layer through its own fixed random matrix B_l (classes × layer size),
 * with every layer's input detached so each learns locally:
 * <ul>
 * <li>DFA (Nøkland 2016): the output error e = (softmax(z) − y*) / N, so ΔW_l ∝ ((e·B_l) ⊙ f'(a_l))ᵀ h_{l−1};</li>
 * <li>DRTP (Frenkel et al. 2021): the one-hot target itself (divided by N) in place of the error; no error
 * reaches the hidden layers at all.</li>
 * </ul>
 * The output layer learns from its own cross-entropy gradient, as in ChFrenkel/DirectRandomTargetProjection.
 * B_l ~ U(±sqrt(6/n_l)), that repository's kaiming-uniform default. The signal is divided by N so hidden
 * and output updates are both batch means (that repository sums over the batch for the hidden layers; with
 * the global-norm clipping of our configs a sum would starve the output layer).
 */
public final class DirectFeedback implements LearningRule {
    private final boolean targetProjection;
    private final List<NDArray> projections = new ArrayList<>();

    /** {@code targetProjection}: DRTP; otherwise DFA. */
    public DirectFeedback(boolean targetProjection) {
        this.targetProjection = targetProjection;
    }

    /** Every layer's input is detached: each loss is local. */
    @Override
    public boolean detachesLayerInputs() {
        return true;
    }

    @Override
    public String name() { return targetProjection ? "DRTP" : "DFA"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray labels) {
        List<NDArray> activations = model.forward(x, true);
        NDArray logits = activations.get(activations.size() - 1);
        long n = logits.getShape().get(0);
        NDArray oneHot = labels.oneHot(model.numClasses());
        NDArray signal = (targetProjection ? oneHot : logits.stopGradient().softmax(1).sub(oneHot)).div(n);
        NDArray loss = Losses.crossEntropy(logits, labels);
        for (int i = 1; i + 1 < activations.size(); i++) {
            NDArray h = activations.get(i).reshape(n, -1);
            // d/dh of sum(h ⊙ g) is g: the projected signal becomes the gradient at the layer's output,
            // and autograd takes it through f'(a_l) to the weights. Subtracting the detached value
            // keeps the reported loss the cross-entropy.
            NDArray term = h.mul(signal.matMul(projection(i - 1, model, h.getShape().get(1)))).sum();
            loss = loss.add(term.sub(term.stopGradient()));
        }
        return loss;
    }

    /**
     * B_l for the l-th hidden layer, drawn at first use (its size is known only once data flows); layers
     * are first asked for from the input up.
     */
    NDArray projection(int layer, DualModel model, long size) {
        if (layer == projections.size()) {
            float bound = (float) Math.sqrt(6.0 / size);
            NDArray b = model.manager().randomUniform(-bound, bound, new Shape(model.numClasses(), size));
            NDScope.unregister(b); // drawn inside a training step's scope, but fixed for the whole run
            projections.add(b);
        }
        return projections.get(layer);
    }

    /** {@code projection.0}, {@code projection.1}, ...: B_l from the input up. */
    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < projections.size(); i++) {
            out.put("projection." + i, projections.get(i));
        }
        return out;
    }

    @Override
    public void loadState(Map<String, NDArray> saved) {
        projections.clear();
        for (int i = 0; saved.containsKey("projection." + i); i++) {
            projections.add(saved.get("projection." + i));
        }
    }

    @Override
    public List<Param> trained(DualModel model) {
        return model.params(Side.FORWARD);
    }

    /** The signal (n×K) through B_l (K×d_l) at every hidden depth; B_l is fixed, so no gradient. */
    @Override
    public double productFlops(long[] depthSizes, int classes, int batch) {
        double flops = 0;
        for (int i = 1; i + 1 < depthSizes.length; i++) {
            flops += 2.0 * batch * classes * depthSizes[i];
        }
        return flops;
    }

    /** The feedback bypasses the layers: no layer-wise feedback weights to compare. */
    @Override
    public FeedbackWeights feedbackWeights() {
        return null;
    }
}
