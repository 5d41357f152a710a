package ccl.analysis;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ccl.learn.LearningRule;
import ccl.nn.DualMap;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.Param;
import ccl.train.Gradients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How closely a learning rule follows backprop, per layer, in degrees (0: same direction, 90: unrelated):
 * the angle between each forward weight W_l and the weights that carry the rule's feedback, transposed
 * to W_l's shape (for CCL the paper's forward/feedback weight similarity), and the angle between the
 * rule's gradient for W_l and backprop's on the same batch.
 */
public final class Alignment {
    private static final NDIndex ALL = new NDIndex("...");
    private Alignment() {
    }

    /** Per layer, the angle between W_l and the rule's feedback weights; empty when its feedback bypasses the layers. */
    public static Map<String, Double> weightAngles(DualModel model, LearningRule rule) {
        Map<String, Double> angles = new LinkedHashMap<>();
        FeedbackWeights feedback = rule.feedbackWeights();
        if (feedback == null) {
            return angles;
        }
        try (NDScope ignored = new NDScope()) {
            for (DualMap m : model.maps()) {
                NDArray carried = feedback.of(m.forwardWeight(), m.backwardWeight());
                if (carried != null) {
                    angles.put(layerName(m.forwardWeight()), degrees(m.forwardWeight().value(), carried));
                }
            }
        }
        return angles;
    }

    /**
     * Per layer, the angle between the rule's gradient for the forward weight and {@code backprop}'s, both
     * taken on the batch ({@code x}, {@code target}) in training mode. The model is left as it was: its
     * BatchNorm statistics are restored and every gradient is zeroed again. Call outside a gradient tape.
     */
    public static Map<String, Double> updateAngles(DualModel model, LearningRule rule, LearningRule backprop,
                                                   NDArray x, NDArray target) {
        Map<String, Double> angles = new LinkedHashMap<>();
        try (NDScope ignored = new NDScope()) {
            // No step is taken, so only the tensors that are not parameters (BatchNorm's running statistics)
            // can change: those are copied and put back, not the whole model.
            Set<String> params = model.params().stream().map(Param::name).collect(Collectors.toSet());
            Map<String, NDArray> buffers = new LinkedHashMap<>();
            model.state().forEach((k, v) -> {
                if (!params.contains(k)) {
                    buffers.put(k, v.duplicate());
                }
            });
            boolean training = model.isTraining();
            model.train();
            List<NDArray> ruleGrads;
            List<NDArray> bpGrads;
            try {
                ruleGrads = gradients(model, rule, x, target);
                bpGrads = gradients(model, backprop, x, target);
            } finally {
                model.state().forEach((k, v) -> {
                    if (buffers.containsKey(k)) {
                        v.set(ALL, buffers.get(k));
                    }
                });
                if (!training) {
                    model.eval();
                }
            }
            List<DualMap> maps = model.maps();
            for (int i = 0; i < maps.size(); i++) {
                angles.put(layerName(maps.get(i).forwardWeight()), degrees(ruleGrads.get(i), bpGrads.get(i)));
            }
        }
        return angles;
    }

    private static List<NDArray> gradients(DualModel model, LearningRule rule, NDArray x, NDArray target) {
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            tape.backward(rule.loss(model, x, target));
        }
        List<NDArray> grads = model.maps().stream().map(m -> m.forwardWeight().grad().duplicate()).toList();
        Gradients.zero(rule.trained(model));
        return grads;
    }

    /** The angle between two tensors taken as vectors, in double precision; NaN when either is zero. */
    public static double degrees(NDArray a, NDArray b) {
        NDArray a64 = a.toType(DataType.FLOAT64, false).flatten();
        NDArray b64 = b.toType(DataType.FLOAT64, false).flatten();
        double dot = a64.dot(b64).getDouble();
        double norms = Math.sqrt(a64.dot(a64).getDouble() * b64.dot(b64).getDouble());
        if (norms == 0) {
            return Double.NaN;
        }
        return Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, dot / norms))));
    }

    /** {@code enc1.forward_layer.weight} → {@code enc1}. */
    private static String layerName(Param forwardWeight) {
        return forwardWeight.name().replace(".forward_layer.weight", "");
    }
}
