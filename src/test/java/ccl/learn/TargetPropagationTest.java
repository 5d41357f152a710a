package ccl.learn;

import static ccl.testing.Matrices.flat;
import static ccl.testing.Matrices.hadamard;
import static ccl.testing.Matrices.matrix;
import static ccl.testing.Matrices.minus;
import static ccl.testing.Matrices.plus;
import static ccl.testing.Matrices.scale;
import static ccl.testing.Matrices.softmax;
import static ccl.testing.Matrices.t;
import static ccl.testing.Matrices.tanh;
import static ccl.testing.Matrices.tanhSlope;
import static ccl.testing.Matrices.times;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ccl.config.Config;
import ccl.config.ConfigException;
import ccl.nn.ActivationFn;
import ccl.nn.DualModel;
import ccl.nn.LayerOptions;
import ccl.nn.Models;
import ccl.nn.Param;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The target-propagation rules against updates worked out by hand (plain Java arithmetic) on a two-layer
 * network 3→4→2, as the FW-DTP code builds it (tanh hidden layer, linear output, no bias, g(h) = tanh(Q h)):
 * h1 = tanh(x·W1ᵀ), z = h1·W2ᵀ, c = g(z). The forward targets are t2 = z − β(softmax(z) − y) and
 * t1 = g(t2) + h1 − c; the feedback losses use the noise handed to the rule.
 */
class TargetPropagationTest {
    private static final int N = 5;
    private static final long[] LABELS = {0, 1, 1, 0, 1};
    private static final float BETA = 0.3f;

    private record Net(double[][] x, double[][] w1, double[][] w2, double[][] q, double[][] h1, double[][] z) {
    }

    private static DualModel tiny(NDManager m) {
        m.getEngine().setRandomSeed(5);
        return Models.mlp(m, new int[] {3, 4, 2}, new LayerOptions(ActivationFn.TANH, ActivationFn.TANH, 0, 0, false, false));
    }

    private static TargetPropagation rule(TargetPropagation.FeedbackLoss loss, boolean clean, NDArray... noise) {
        TargetPropagation rule = new TargetPropagation(new TargetPropagation.Settings("test", loss, BETA, 0.1f, 1, clean, false));
        Deque<NDArray> draws = new ArrayDeque<>(List.of(noise));
        rule.useNoise((manager, shape, std) -> {
            NDArray e = draws.pop();
            assertEquals(e.getShape(), shape, "noise shape");
            assertEquals(0.1f, std);
            return e;
        });
        return rule;
    }

    /** The gradients a phase's loss leaves on the parameters it trains, by name. */
    private static Map<String, float[]> gradients(Phase phase, DualModel model, NDArray x, NDArray y) {
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            tape.backward(phase.loss().compute(model, x, y));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Param p : phase.trained()) {
            out.put(p.name(), p.grad().toFloatArray());
        }
        model.params().forEach(p -> p.grad().subi(p.grad()));
        return out;
    }

    private static Net net(DualModel model, NDArray x) {
        double[][] xs = matrix(x);
        double[][] w1 = matrix(model.maps().get(0).forwardWeight().value());
        double[][] w2 = matrix(model.maps().get(1).forwardWeight().value());
        double[][] q = matrix(model.maps().get(1).backwardWeight().value());
        double[][] h1 = tanh(times(xs, t(w1)));
        return new Net(xs, w1, w2, q, h1, times(h1, t(w2)));
    }

    @Test
    void theForwardUpdateMovesEveryLayerTowardsItsDifferenceCorrectedTarget() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = tiny(m);
            NDArray x = m.randomNormal(new Shape(N, 3));
            NDArray y = m.create(LABELS);
            for (TargetPropagation.FeedbackLoss loss : TargetPropagation.FeedbackLoss.values()) {
                TargetPropagation rule = rule(loss, false);
                List<Phase> phases = rule.phases(model);
                Phase forward = phases.get(phases.size() - 1);
                assertEquals("forward", forward.name());
                Map<String, float[]> got = gradients(forward, model, x, y);

                Net n = net(model, x);
                double[][] p = softmax(n.z());
                double[][] t2 = new double[N][2];
                for (int i = 0; i < N; i++) {
                    for (int j = 0; j < 2; j++) {
                        t2[i][j] = n.z()[i][j] - BETA * (p[i][j] - (LABELS[i] == j ? 1 : 0));
                    }
                }
                double[][] t1 = plus(minus(tanh(times(t2, t(n.q()))), tanh(times(n.z(), t(n.q())))), n.h1());
                // L = (Σ‖t1 − h1‖² + Σ‖t2 − z‖²)/N with t fixed: dW2 = −2/N (t2 − z)ᵀh1, dW1 = −2/N ((t1 − h1) ⊙ tanh')ᵀx.
                double[][] d2 = scale(minus(t2, n.z()), -2.0 / N);
                double[][] d1 = scale(hadamard(minus(t1, n.h1()), tanhSlope(n.h1())), -2.0 / N);
                assertArrayEquals(flat(times(t(d2), n.h1())), got.get("output.forward_layer.weight"), 1e-6f, loss + ": W2");
                assertArrayEquals(flat(times(t(d1), n.x())), got.get("enc1.forward_layer.weight"), 1e-6f, loss + ": W1");
            }
        }
    }

    @Test
    void dtpTrainsTheFeedbackToInvertTheLayerOnNoisyInputs() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = tiny(m);
            NDArray x = m.randomNormal(new Shape(N, 3));
            NDArray eps = m.randomNormal(0, 0.1f, new Shape(N, 4), ai.djl.ndarray.types.DataType.FLOAT32);
            float[] got = feedbackGradient(model, rule(TargetPropagation.FeedbackLoss.DTP, false, eps), x);
            Net n = net(model, x);
            double[][] noisy = plus(n.h1(), matrix(eps));
            double[][] u = times(noisy, t(n.w2()));
            double[][] r = tanh(times(u, t(n.q())));
            // L = Σ‖g(f(h1 + ε)) − (h1 + ε)‖²/N: dQ = 2/N ((r − x̃) ⊙ tanh')ᵀu.
            double[][] d = scale(hadamard(minus(r, noisy), tanhSlope(r)), 2.0 / N);
            assertArrayEquals(flat(times(t(d), u)), got, 1e-6f);
        }
    }

    @Test
    void drlComparesTheCorrectedReconstructionWithTheNoisyOrTheCleanInput() {
        for (boolean clean : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager()) {
                DualModel model = tiny(m);
                NDArray x = m.randomNormal(new Shape(N, 3));
                NDArray eps = m.randomNormal(0, 0.1f, new Shape(N, 4), ai.djl.ndarray.types.DataType.FLOAT32);
                float[] got = feedbackGradient(model, rule(TargetPropagation.FeedbackLoss.DRL, clean, eps), x);
                Net n = net(model, x);
                double[][] noisy = plus(n.h1(), matrix(eps));
                double[][] u = times(noisy, t(n.w2()));
                double[][] a = tanh(times(u, t(n.q())));
                double[][] rec = plus(minus(a, tanh(times(n.z(), t(n.q())))), n.h1());
                double[][] d = scale(hadamard(minus(clean ? n.h1() : noisy, rec), tanhSlope(a)), -2.0 / N);
                assertArrayEquals(flat(times(t(d), u)), got, 1e-6f, clean ? "clean" : "noisy");
            }
        }
    }

    @Test
    void lDrlPairsANoisyInputTermWithANoisyOutputTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = tiny(m);
            NDArray x = m.randomNormal(new Shape(N, 3));
            NDArray eps1 = m.randomNormal(0, 0.1f, new Shape(N, 4), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray eps2 = m.randomNormal(0, 0.1f, new Shape(N, 2), ai.djl.ndarray.types.DataType.FLOAT32);
            float[] got = feedbackGradient(model, rule(TargetPropagation.FeedbackLoss.L_DRL, false, eps1, eps2), x);
            Net n = net(model, x);
            double[][] c = tanh(times(n.z(), t(n.q())));
            double[][] u1 = times(plus(n.h1(), matrix(eps1)), t(n.w2()));
            double[][] a = tanh(times(u1, t(n.q())));
            double[][] u2 = plus(n.z(), matrix(eps2));
            double[][] b = tanh(times(u2, t(n.q())));
            // L = (−Σ ε1 ⊙ (a − c) + ½Σ‖b − c‖²)/N, c fixed.
            double[][] first = times(t(scale(hadamard(matrix(eps1), tanhSlope(a)), -1.0 / N)), u1);
            double[][] second = times(t(scale(hadamard(minus(b, c), tanhSlope(b)), 1.0 / N)), u2);
            assertArrayEquals(flat(plus(first, second)), got, 1e-6f);
        }
    }

    @Test
    void fixedWeightDtpHasNoFeedbackPhasesAndNoPretraining() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.mlp(m, new int[] {6, 5, 5, 3},
                    new LayerOptions(ActivationFn.TANH, ActivationFn.TANH, 0, 0, false, false));
            TargetPropagation fw = new TargetPropagation(new TargetPropagation.Settings("FWDTP",
                    TargetPropagation.FeedbackLoss.NONE, 0.01f, 0.01f, 5, false, false));
            assertEquals(List.of("forward"), fw.phases(model).stream().map(Phase::name).toList());
            assertEquals(0, fw.pretrainingEpochs());
            TargetPropagation dtp = new TargetPropagation(new TargetPropagation.Settings("DTP",
                    TargetPropagation.FeedbackLoss.DTP, 0.01f, 0.01f, 2, false, false));
            // Two iterations, each from the top layer down (g_1 is never used), then the forward update.
            assertEquals(List.of("feedback.output.backward_layer.weight", "feedback.enc2.backward_layer.weight",
                    "feedback.output.backward_layer.weight", "feedback.enc2.backward_layer.weight", "forward"),
                    dtp.phases(model).stream().map(Phase::name).toList());
            assertEquals(2, dtp.pretrainingEpochs());
            assertEquals(2, dtp.pretrainingPhases(model).size());
        }
    }

    /** g_1 is never used: the first layer has no weight angle; the others compare W_l with Q_lᵀ. */
    @Test
    void theWeightAnglesStartAtTheSecondLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.mlp(m, new int[] {6, 5, 5, 3},
                    new LayerOptions(ActivationFn.TANH, ActivationFn.TANH, 0, 0, false, false));
            TargetPropagation dtp = rule(TargetPropagation.FeedbackLoss.DTP, false);
            assertEquals(List.of("enc2", "output"),
                    List.copyOf(ccl.analysis.Alignment.weightAngles(model, dtp).keySet()));
        }
    }

    @Test
    void theFwDtpModelIsOrthogonalForwardAndSmallUniformFeedback() {
        Config c = Config.fromMap(Map.ofEntries(Map.entry("method", "FWDTP"), Map.entry("architecture", "simple_linear"),
                Map.entry("task", "classification"), Map.entry("dataset", "MNIST"), Map.entry("num_chn", 1),
                Map.entry("bias_init", "none"), Map.entry("bn_affine", 0), Map.entry("act_F", "tanh"),
                Map.entry("act_B", "tanh"), Map.entry("tmax", 0), Map.entry("GradC", 0), Map.entry("hidden_layers", 2),
                Map.entry("hidden_width", 8), Map.entry("init_F", "orthogonal"), Map.entry("init_B_range", 0.001)), "test");
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.build(m, c, 1, 28, 10);
            assertEquals(List.of("[8, 784]", "[8, 8]", "[10, 8]"), model.maps().stream()
                    .map(d -> java.util.Arrays.toString(d.forwardWeight().value().getShape().getShape())).toList());
            for (var map : model.maps()) {
                NDArray w = map.forwardWeight().value();
                // Orthonormal rows or columns, whichever are fewer: the smaller Gram matrix is I.
                boolean wide = w.getShape().get(0) <= w.getShape().get(1);
                NDArray gram = wide ? w.matMul(w.transpose()) : w.transpose().matMul(w);
                assertTrue(gram.sub(m.eye((int) gram.getShape().get(0))).abs().max().getFloat() < 1e-4f,
                        map.forwardWeight().name());
                assertTrue(map.backwardWeight().value().abs().max().getFloat() <= 0.001f, map.backwardWeight().name());
            }
        }
    }

    @Test
    void targetPropagationSettingsNeedATargetPropagationMethod() {
        Map<String, Object> ccl = new LinkedHashMap<>(Map.of("method", "CCL", "architecture", "simple_linear",
                "task", "classification", "dataset", "MNIST", "num_chn", 1, "bias_init", "none", "bn_affine", 0,
                "tmax", 0, "GradC", 0, "stepsize", 0.1));
        ConfigException e = assertThrows(ConfigException.class, () -> Config.fromMap(ccl, "c.yaml"));
        assertTrue(e.getMessage().contains("key 'stepsize' is a target-propagation setting"), e.getMessage());
        ccl.remove("stepsize");
        ccl.put("method", "DTP");
        ccl.put("drl_target", "clean");
        e = assertThrows(ConfigException.class, () -> Config.fromMap(ccl, "c.yaml"));
        assertTrue(e.getMessage().contains("key 'drl_target'"), e.getMessage());
        ccl.remove("drl_target");
        ccl.put("architecture", "cnn");
        ccl.put("hidden_width", 8);
        e = assertThrows(ConfigException.class, () -> Config.fromMap(ccl, "c.yaml"));
        assertTrue(e.getMessage().contains("key 'hidden_width' sets an MLP's widths"), e.getMessage());
        ccl.remove("hidden_width");
        ccl.put("fw_bn", 3);
        e = assertThrows(ConfigException.class, () -> Config.fromMap(ccl, "c.yaml"));
        assertTrue(e.getMessage().contains("fw_bn: 3 is the FW-DTP code's batch norm of MLP layers"), e.getMessage());
    }

    @Test
    void theCodesBatchNormStandardizesEachUnitWithTheUnbiasedStd() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Unit 0: 1, 2, 3 → mean 2, unbiased std 1 → −1, 0, 1. Unit 1 is constant: 0/1e-12 = 0.
            NDArray x = m.create(new float[] {1, 5, 2, 5, 3, 5}, new Shape(3, 2));
            assertArrayEquals(new float[] {-1, 0, 0, 0, 1, 0}, ccl.nn.BatchStandardize.apply(x).toFloatArray(), 1e-6f);
            // A batch of one has no spread: NaN, as in the code.
            assertTrue(Float.isNaN(ccl.nn.BatchStandardize.apply(m.create(new float[] {1, 2}, new Shape(1, 2)))
                    .toFloatArray()[0]));
        }
    }

    @Test
    void theBnVariantsNeedTheCodesBatchNormAndStandardizeTheirOutput() {
        Map<String, Object> c = new LinkedHashMap<>(Map.of("method", "FWDTP-BN", "architecture", "simple_linear",
                "task", "classification", "dataset", "MNIST", "num_chn", 1, "bias_init", "none", "bn_affine", 0,
                "tmax", 0, "GradC", 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRules.create(Config.fromMap(c, "c.yaml")));
        assertTrue(e.getMessage().contains("set fw_bn: 3 and bw_bn: 3"), e.getMessage());
        c.putAll(Map.of("fw_bn", 3, "bw_bn", 3, "output_bn", 1, "hidden_width", 4));
        Config bn = Config.fromMap(c, "c.yaml");
        assertEquals("FWDTP-BN", LearningRules.create(bn).name());
        try (NDManager m = NDManager.newBaseManager()) {
            DualModel model = Models.build(m, bn, 1, 28, 10);
            NDArray logits = model.forward(m.randomNormal(new Shape(6, 784)), true).get(model.depth());
            // The output is standardized too: every class score has mean 0 and unbiased std 1 over the batch.
            assertTrue(logits.mean(new int[] {0}).abs().max().getFloat() < 1e-5f);
            NDArray var = logits.square().sum(new int[] {0}).div(5);
            assertTrue(var.sub(1).abs().max().getFloat() < 1e-4f, java.util.Arrays.toString(var.toFloatArray()));
        }
    }

    private static float[] feedbackGradient(DualModel model, TargetPropagation rule, NDArray x) {
        NDArray y = x.getManager().create(LABELS);
        Phase phase = rule.phases(model).get(0);
        assertEquals("feedback.output.backward_layer.weight", phase.name());
        return gradients(phase, model, x, y).get("output.backward_layer.weight");
    }
}
