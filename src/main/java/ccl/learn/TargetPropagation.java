package ccl.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ccl.nn.BatchStandardize;
import ccl.nn.DualMap;
import ccl.nn.DualModel;
import ccl.nn.FeedbackWeights;
import ccl.nn.Ops;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * Difference target propagation and its relatives as Shibuya et al.'s FW-DTP code does them
 * (TatsukichiShibuya/Fixed-Weight-Difference-Target-Propagation, code/models/tp_net.py), the code the CCL
 * paper reran for its Table 1. Layer l computes h_l = f_l(h_{l−1}); its {@code backward_layer} is the
 * feedback function g_l(h) = tanh(Q_l h) (the last forward map runs bare, g_1 is never used).
 * <ul>
 * <li>Targets (no gradient): t_L = h_L − β (softmax(h_L) − onehot(y)), the summed cross-entropy's gradient,
 * then t_{l−1} = g_l(t_l) + h_{l−1} − g_l(h_l) downwards, the difference correction.</li>
 * <li>Forward update, every layer's input detached: L = Σ_l Σ_batch ‖t_l − h_l‖², stepped with lr/B (the
 * loss is divided by the batch size here, so the code's lr and lrb carry over to {@code lr_F}/{@code lr_B}).</li>
 * <li>Feedback update (all but FW-DTP), per batch {@code epochs_backward} times, each time from the
 * forward pass's activations (unchanged until the forward update) and layer by layer from the top, each Q_l stepped right after its loss, so a layer below
 * sees the ones above already updated; the same number of feedback-only epochs comes first. With
 * x̃ = h_{l−1} + ε, ε ~ N(0, σ²): DTP Σ‖g_l(f_l(x̃)) − x̃‖²; DRL (Meulemans et al. 2020) the noisy
 * activation taken up through f_l..f_L and down the difference-corrected chain, compared with x̃
 * ({@code drl_target: noisy}, the published loss) or with h_{l−1} ({@code clean}, what the FW-DTP code
 * does); L-DRL (Ernoult et al. 2022) −Σ ε₁·(g_l(f_l(h+ε₁)) − g_l(h_l)) + ½ Σ‖g_l(h_l+ε₂) − g_l(h_l)‖².</li>
 * <li>FW-DTP: Q_l is a fixed random B_l, never trained, so there is neither.</li>
 * <li>DTP-BN, FW-DTP-BN: the code's batch norm after every hidden tanh, forward and feedback, and after the
 * difference correction (ψ); FW-DTP-BN's output may be standardized as well ({@code output_bn}).</li>
 * </ul>
 * Only Q_l is in the graph of layer l's feedback loss: everything it is computed from is cut, so no
 * forward weight collects a gradient there (the code's own accumulations are zeroed before they are used).
 */
public final class TargetPropagation implements LearningRule {
    /** How the feedback weights learn; NONE for FW-DTP's fixed ones. */
    public enum FeedbackLoss { NONE, DTP, DRL, L_DRL }

    /**
     * The rule's settings: {@code stepsize} β, {@code sigma} the noise std ({@code std_backward}),
     * {@code iterations} the feedback iterations per batch and pre-training epochs ({@code epochs_backward}),
     * {@code cleanTarget} DRL against the clean input (the FW-DTP code) rather than the noisy one,
     * {@code standardizeTargets} the difference correction followed by the code's batch norm (DTP-BN,
     * FW-DTP-BN: ψ = BN, with the layers' own batch norm, {@code fw_bn}/{@code bw_bn} 3, in the model).
     */
    public record Settings(String name, FeedbackLoss feedbackLoss, float stepsize, float sigma, int iterations,
                           boolean cleanTarget, boolean standardizeTargets) {
    }

    private final Settings settings;
    private Noise noise = Noise.ENGINE;

    public TargetPropagation(Settings settings) {
        this.settings = settings;
    }

    /** Where the feedback losses' noise comes from (a parity case replays what the published code drew). */
    public void useNoise(Noise source) {
        this.noise = source;
    }

    @Override
    public String name() { return settings.name(); }

    @Override
    public boolean detachesLayerInputs() { return true; }

    @Override
    public List<Param> trained(DualModel model) {
        return model.params(Side.FORWARD);
    }

    /** The forward update: every layer towards its target. */
    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray labels) {
        List<NDArray> h = model.forward(x, true);
        int depth = model.depth();
        NDArray logits = h.get(depth).stopGradient();
        NDArray error = logits.softmax(1).sub(labels.oneHot(model.numClasses(), logits.getDataType()));
        NDArray[] target = new NDArray[depth + 1];
        target[depth] = logits.sub(error.mul(settings.stepsize()));
        for (int l = depth - 1; l >= 1; l--) {
            target[l] = difference(model, h, l, target[l + 1]).stopGradient();
        }
        NDArray loss = null;
        for (int l = 1; l <= depth; l++) {
            NDArray term = target[l].sub(h.get(l)).square().sum();
            loss = loss == null ? term : loss.add(term);
        }
        return Ops.div(loss, x.getShape().get(0));
    }

    /**
     * {@code epochs_backward} feedback iterations, each from the top layer down, then the forward update;
     * FW-DTP only the forward update.
     */
    @Override
    public List<Phase> phases(DualModel model) {
        List<Phase> phases = new ArrayList<>(feedbackPhases(model, settings.iterations()));
        phases.add(Phase.once("forward", this::loss, trained(model)));
        return phases;
    }

    @Override
    public int pretrainingEpochs() {
        return settings.feedbackLoss() == FeedbackLoss.NONE ? 0 : settings.iterations();
    }

    /** One feedback iteration per batch. */
    @Override
    public List<Phase> pretrainingPhases(DualModel model) {
        return feedbackPhases(model, Math.min(1, settings.iterations()));
    }

    private List<Phase> feedbackPhases(DualModel model, int iterations) {
        if (settings.feedbackLoss() == FeedbackLoss.NONE) {
            return List.of();
        }
        List<DualMap> maps = model.maps();
        List<Phase> phases = new ArrayList<>();
        // The code's train_back_weights runs a forward pass per iteration; the forward weights do not change
        // until the forward update, so every iteration of the step sees the same activations: one pass (cut
        // from the graph) serves them all, the same numbers for 1/epochs_backward of the forward work.
        Activations shared = new Activations();
        for (int i = 0; i < iterations; i++) {
            for (int l = model.depth() - 1; l >= 1; l--) {
                int layer = l;
                Param q = maps.get(l).backwardWeight();
                phases.add(Phase.once("feedback." + q.name(), (m, x, t) -> feedbackLoss(m, shared.of(m, x), layer),
                        List.of(q)));
            }
        }
        return phases;
    }

    /** The forward activations of a step's feedback iterations, computed by the first phase that needs them. */
    private static final class Activations {
        private NDArray input;
        private List<NDArray> values;

        List<NDArray> of(DualModel model, NDArray x) {
            if (values == null || input != x) {
                values = model.forward(x, true).stream().map(NDArray::stopGradient).toList();
                input = x;
            }
            return values;
        }
    }

    /** Stage {@code l}'s feedback loss (g_l is stage l's feedback map), divided by the batch size. */
    private NDArray feedbackLoss(DualModel model, List<NDArray> h, int l) {
        NDArray below = h.get(l);
        long n = below.getShape().get(0);
        NDArray loss = switch (settings.feedbackLoss()) {
            case DTP -> {
                NDArray noisy = below.add(draw(below.getShape(), below));
                NDArray up = model.forwardStage(l, noisy, true).stopGradient();
                yield model.feedbackStage(l, up, false).sub(noisy).square().sum();
            }
            case DRL -> {
                NDArray noisy = below.add(draw(below.getShape(), below));
                NDArray q = noisy;
                for (int k = l; k < model.depth(); k++) {
                    q = model.forwardStage(k, q, true).stopGradient();
                }
                for (int k = model.depth() - 1; k > l; k--) {
                    q = difference(model, h, k, q).stopGradient();
                }
                NDArray reconstruction = difference(model, h, l, q);
                yield (settings.cleanTarget() ? below : noisy).sub(reconstruction).square().sum();
            }
            case L_DRL -> {
                NDArray q = below.add(draw(below.getShape(), below));
                NDArray correction = correction(model, h, l); // both reconstructions share it
                NDArray qRec = corrected(model, l, model.forwardStage(l, q, true).stopGradient(), correction);
                NDArray up = h.get(l + 1);
                NDArray r = up.add(draw(up.getShape(), up));
                NDArray rRec = corrected(model, l, r, correction);
                yield q.sub(below).mul(qRec.sub(below)).sum().neg().add(Ops.div(rRec.sub(below).square().sum(), 2));
            }
            case NONE -> throw new IllegalStateException("FW-DTP trains no feedback weights");
        };
        // Ops.div: a Number divisor on the tape is freed memory by the backward pass (Ops.mul says why).
        return Ops.div(loss, n);
    }

    /**
     * The code's difference function at stage k: ψ(g_k(u) + (h_{k−1} − g_k(h_k))), the correction without
     * gradient, ψ the batch norm of the -BN variants or the identity.
     */
    private NDArray difference(DualModel model, List<NDArray> h, int k, NDArray u) {
        return corrected(model, k, u, correction(model, h, k));
    }

    /** h_{k−1} − g_k(h_k), without gradient. */
    private static NDArray correction(DualModel model, List<NDArray> h, int k) {
        return h.get(k).stopGradient().sub(model.feedbackStage(k, h.get(k + 1).stopGradient(), true)).stopGradient();
    }

    private NDArray corrected(DualModel model, int k, NDArray u, NDArray correction) {
        NDArray sum = model.feedbackStage(k, u, false).add(correction);
        return settings.standardizeTargets() ? BatchStandardize.apply(sum) : sum;
    }

    /**
     * Beyond the forward network's forward pass and weight gradients: the targets and the feedback
     * iterations ({@link TargetPropagationCost#ours}).
     */
    @Override
    public double productFlops(long[] depthSizes, int classes, int batch) {
        return batch * new TargetPropagationCost(depthSizes).ours(settings.feedbackLoss(), settings.iterations());
    }

    @Override
    public double publishedCodeFlops(long[] depthSizes) {
        return new TargetPropagationCost(depthSizes).publishedCode(settings.feedbackLoss(), settings.iterations());
    }

    /**
     * Q_l against W_l (transposed to its shape) from the second layer up: g_1 is never used, so the first
     * layer has no weight angle. For DTP g_l learns to invert f_l; for FW-DTP B_l stays random.
     */
    @Override
    public FeedbackWeights feedbackWeights() {
        return (forward, backward) -> forward.name().startsWith("enc1.") ? null
                : FeedbackWeights.FEEDBACK_LAYER.of(forward, backward);
    }

    private NDArray draw(Shape shape, NDArray like) {
        NDArray e = noise.draw(like.getManager(), shape, settings.sigma());
        return e.getDataType() == DataType.FLOAT32 ? e : e.toType(DataType.FLOAT32, false);
    }
}
