package ccl.learn;

import static ccl.testing.Matrices.flat;
import static ccl.testing.Matrices.matrix;
import static ccl.testing.Matrices.t;
import static ccl.testing.Matrices.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ccl.config.Config;
import ccl.nn.ActivationFn;
import ccl.nn.DualMap;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.LayerOptions;
import ccl.nn.Models;
import ccl.nn.Param;
import ccl.train.TrainingStep;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The baseline rules against updates worked out by hand (plain Java arithmetic) on a two-layer network
 * 3→4→2 with ELU and no bias: a1 = x·W1ᵀ, h1 = elu(a1), z = h1·W2ᵀ, e = (softmax(z) − y)/N. Every rule
 * gives the output layer eᵀh1; the hidden layer gets δ1ᵀx with δ1 = (signal·F) ⊙ elu'(a1), where the
 * rule decides the signal and F.
 */
class BaselineRulesTest {
    private static final int N = 5;
    private static final long[] LABELS = {0, 1, 1, 0, 1};

    private static DualModel tiny(NDManager m) {
        m.getEngine().setRandomSeed(11);
        return Models.mlp(m, new int[] {3, 4, 2}, new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 0, 0, true, true));
    }

    /** The rule's gradients for W1 and W2, by autograd through its loss. */
    private static float[][] ruleGradients(DualModel model, LearningRule rule, NDArray x, NDArray y) {
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            tape.backward(rule.loss(model, x, y));
        }
        List<DualMap> maps = model.maps();
        float[][] g = {maps.get(0).forwardWeight().grad().toFloatArray(), maps.get(1).forwardWeight().grad().toFloatArray()};
        model.params().forEach(p -> p.grad().subi(p.grad()));
        return g;
    }

    /**
     * Checks a rule against the hand computation. {@code hidden} gives, from e (N×2) and the one-hot Y
     * (N×2), the N×4 gradient that reaches h1.
     */
    private static void check(LearningRule rule, BiFunction<double[][], double[][], double[][]> hidden,
                              java.util.function.Consumer<DualModel> before) {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = tiny(m);
            NDArray x = m.randomNormal(new Shape(N, 3));
            NDArray y = m.create(LABELS);
            before.accept(model);
            float[][] got = ruleGradients(model, rule, x, y);

            double[][] xs = matrix(x);
            double[][] w1 = matrix(model.maps().get(0).forwardWeight().value());
            double[][] w2 = matrix(model.maps().get(1).forwardWeight().value());
            double[][] a1 = times(xs, t(w1));
            double[][] h1 = new double[N][4];
            double[][] dElu = new double[N][4];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < 4; j++) {
                    h1[i][j] = a1[i][j] > 0 ? a1[i][j] : Math.exp(a1[i][j]) - 1;
                    dElu[i][j] = a1[i][j] > 0 ? 1 : Math.exp(a1[i][j]);
                }
            }
            double[][] z = times(h1, t(w2));
            double[][] e = new double[N][2];
            double[][] oneHot = new double[N][2];
            for (int i = 0; i < N; i++) {
                double max = Math.max(z[i][0], z[i][1]);
                double s = Math.exp(z[i][0] - max) + Math.exp(z[i][1] - max);
                oneHot[i][(int) LABELS[i]] = 1;
                for (int j = 0; j < 2; j++) {
                    e[i][j] = (Math.exp(z[i][j] - max) / s - oneHot[i][j]) / N;
                }
            }
            double[][] delta1 = hidden.apply(e, oneHot);
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < 4; j++) {
                    delta1[i][j] *= dElu[i][j];
                }
            }
            assertArrayEquals(flat(times(t(e), h1)), got[1], 1e-6f, rule.name() + ": output layer");
            assertArrayEquals(flat(times(t(delta1), xs)), got[0], 1e-6f, rule.name() + ": hidden layer");
        }
    }

    private static double[][] weight(DualModel model, int layer, boolean backward) {
        DualMap map = model.maps().get(layer);
        return matrix((backward ? map.backwardWeight() : map.forwardWeight()).value());
    }

    @Test
    void backpropCarriesTheErrorThroughTheForwardWeights() {
        DualModel[] seen = new DualModel[1];
        check(new Backprop(false), (e, y) -> times(e, weight(seen[0], 1, false)), model -> seen[0] = model);
    }

    @Test
    void feedbackAlignmentCarriesItThroughTheFeedbackLayer() {
        DualModel[] seen = new DualModel[1];
        // output.backward_layer.weight is 4×2 (it maps 2 → 4): the error goes e·Bᵀ.
        check(LearningRules.create(config("FA")), (e, y) -> times(e, t(weight(seen[0], 1, true))),
                model -> seen[0] = model);
    }

    @Test
    void uniformSignSymmetryUsesTheSignScaledByTheXavierDeviation() {
        DualModel[] seen = new DualModel[1];
        check(LearningRules.create(config("uSF")), (e, y) -> {
            double[][] s = weight(seen[0], 1, false);
            double scale = Math.sqrt(2.0 / (4 + 2));
            for (double[] row : s) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = Math.signum(row[j]) * scale;
                }
            }
            return times(e, s);
        }, model -> seen[0] = model);
    }

    @Test
    void fixedRandomSignSymmetryUsesTheMagnitudesItDrewFirst() {
        LearningRule rule = LearningRules.create(config("frSF"));
        DualModel[] seen = new DualModel[1];
        NDArray[] feedback = new NDArray[1];
        check(rule, (e, y) -> times(e, matrix(feedback[0])), model -> {
            seen[0] = model;
            DualMap out = model.maps().get(1);
            feedback[0] = rule.feedbackWeights().of(out.forwardWeight(), out.backwardWeight());
        });
    }

    @Test
    void dfaProjectsTheOutputErrorAndDrtpTheTarget() {
        for (boolean target : new boolean[] {false, true}) {
            DirectFeedback rule = new DirectFeedback(target);
            DualModel[] seen = new DualModel[1];
            check(rule, (e, y) -> times(target ? scaled(y, 1.0 / N) : e, matrix(rule.projection(0, seen[0], 4))),
                    model -> {
                        seen[0] = model;
                        rule.projection(0, model, 4); // drawn now, so the hand computation can read it
                    });
        }
    }

    private static double[][] scaled(double[][] a, double f) {
        return Arrays.stream(a).map(r -> Arrays.stream(r).map(v -> v * f).toArray()).toArray(double[][]::new);
    }

    static Config config(String method) {
        return Config.load(Path.of("configs/baselines/mnist_" + method.toLowerCase() + ".yaml"));
    }

    /** Three SGD steps move the forward weights and leave every fixed feedback matrix exactly as it was. */
    @Test
    void fixedFeedbackStaysFixedWhileTheForwardWeightsLearn() {
        for (String method : List.of("FA", "DFA", "DRTP", "frSF", "uSF", "brSF")) {
            try (NDManager m = NDManager.newBaseManager()) {
                DualModel model = Models.mlp(m, new int[] {6, 5, 4, 3},
                        new LayerOptions(ActivationFn.ELU, ActivationFn.ELU, 0, 0, true, true));
                LearningRule rule = LearningRules.create(config(method));
                TrainingStep step = new TrainingStep(model, rule, config(method), m);
                NDArray x = m.randomNormal(new Shape(8, 6));
                NDArray y = m.create(new long[] {0, 1, 2, 0, 1, 2, 0, 1});
                Map<String, NDArray> start = model.snapshot(m);
                List<NDArray> fixedBefore = fixedMatrices(rule, model, x, y, step);
                for (int i = 0; i < 3; i++) {
                    try (NDScope ignored = new NDScope()) {
                        step.run(x, y, i);
                    }
                }
                for (Param p : model.params()) {
                    boolean moved = !Arrays.equals(start.get(p.name()).toFloatArray(), p.value().toFloatArray());
                    assertEquals(p.name().contains("forward_layer"), moved, method + ": " + p.name());
                }
                List<NDArray> fixedAfter = fixedMatrices(rule, model, x, y, null);
                for (int i = 0; i < fixedBefore.size(); i++) {
                    boolean batchRandom = method.equals("brSF");
                    boolean sign = method.endsWith("SF");
                    float[] a = (sign ? fixedBefore.get(i).abs() : fixedBefore.get(i)).toFloatArray();
                    float[] b = (sign ? fixedAfter.get(i).abs() : fixedAfter.get(i)).toFloatArray();
                    // brSF redraws its magnitudes every batch; the others keep them.
                    assertEquals(!batchRandom, Arrays.equals(a, b), method + ": feedback matrix " + i);
                }
            }
        }
    }

    /** The matrices a rule feeds back through (after one step, so lazily drawn ones exist). */
    private static List<NDArray> fixedMatrices(LearningRule rule, DualModel model, NDArray x, NDArray y, TrainingStep first) {
        if (first != null) {
            try (NDScope ignored = new NDScope()) {
                first.run(x, y, 0);
            }
        }
        if (rule instanceof DirectFeedback d) {
            return List.of(d.projection(0, model, 5).duplicate(), d.projection(1, model, 4).duplicate());
        }
        FeedbackWeights f = rule.feedbackWeights();
        return model.maps().stream().map(mp -> f.of(mp.forwardWeight(), mp.backwardWeight()).duplicate()).toList();
    }

    @Test
    void signSymmetryFeedbackHasTheSignOfTheForwardWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = tiny(m);
            for (String method : List.of("uSF", "brSF", "frSF")) {
                FeedbackWeights f = LearningRules.create(config(method)).feedbackWeights();
                for (DualMap map : model.maps()) {
                    NDArray b = f.of(map.forwardWeight(), map.backwardWeight());
                    assertArrayEquals(map.forwardWeight().value().sign().toFloatArray(), b.sign().toFloatArray(), method);
                    // Magnitudes within the xavier-uniform bound sqrt(6/(fan_in+fan_out)).
                    Shape w = map.forwardWeight().value().getShape();
                    float bound = (float) Math.sqrt(6.0 / (w.get(0) + w.get(1)));
                    assertTrue(b.abs().max().getFloat() <= bound, method);
                }
            }
        }
    }

    @Test
    void directFeedbackRulesRefuseTheAutoencoder() {
        Config ae = Config.load(Path.of("configs/ae/stl10_bp_legacy.yaml"));
        for (String method : List.of("DFA", "DRTP")) {
            Config c = ae.withOverrides(Map.of("method", method));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRules.create(c));
            assertTrue(e.getMessage().contains("autoencoder"), e.getMessage());
        }
        assertNotEquals(null, LearningRules.create(ae.withOverrides(Map.of("method", "FA"))));
    }
}
