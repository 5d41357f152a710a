package ccl.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ccl.nn.FeedbackWeights;
import ccl.nn.Param;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sign-symmetric feedback as in BioTorch (jsalbert/biotorch, xavier initialisation): the error travels
 * down through sign(W) with a magnitude that is the xavier standard deviation (uSF), fresh xavier-uniform
 * magnitudes at every batch (brSF), or magnitudes drawn once and kept (frSF).
 */
final class SignSymmetry {
    private SignSymmetry() {
    }

    /** uSF: sign(W)·sqrt(2/(fan_in+fan_out)). */
    static FeedbackWeights uniform() {
        return (forward, backward) -> sign(forward).mul((float) Math.sqrt(2.0 / fans(forward)));
    }

    /** brSF: sign(W)·|M|, M ~ U(±sqrt(6/(fan_in+fan_out))) drawn anew at every batch. */
    static FeedbackWeights batchRandom() {
        return (forward, backward) -> sign(forward).mul(magnitudes(forward));
    }

    /** frSF: sign(W)·|M| with M drawn once per layer and then fixed. */
    static FeedbackWeights fixedRandom() {
        return new FixedRandom();
    }

    /** frSF's magnitudes, drawn at a layer's first use and kept (and checkpointed) by forward-weight name. */
    private static final class FixedRandom implements FeedbackWeights {
        private final Map<String, NDArray> fixed = new LinkedHashMap<>();

        @Override
        public NDArray of(Param forward, Param backward) {
            return sign(forward).mul(fixed.computeIfAbsent(forward.name(), k -> {
                NDArray m = magnitudes(forward);
                NDScope.unregister(m); // drawn inside a training step's scope, but kept for the whole run
                return m;
            }));
        }

        @Override
        public Map<String, NDArray> state() {
            return new LinkedHashMap<>(fixed);
        }

        @Override
        public void loadState(Map<String, NDArray> saved) {
            fixed.clear();
            fixed.putAll(saved);
        }
    }

    private static NDArray sign(Param forward) {
        return forward.value().stopGradient().sign();
    }

    private static NDArray magnitudes(Param forward) {
        Shape shape = forward.value().getShape();
        float bound = (float) Math.sqrt(6.0 / fans(forward));
        return forward.value().getManager().randomUniform(0, bound, shape);
    }

    /** fan_in + fan_out of a weight shaped out×in(×kernel), as torch.nn.init computes them. */
    private static double fans(Param forward) {
        Shape s = forward.value().getShape();
        long receptive = s.size() / (s.get(0) * s.get(1));
        return (double) (s.get(0) + s.get(1)) * receptive;
    }
}
