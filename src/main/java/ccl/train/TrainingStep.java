package ccl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ccl.config.Config;
import ccl.learn.LearningRule;
import ccl.nn.DualModel;
import ccl.nn.Ops;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.List;

/**
 * One iteration of the reference training loop: loss, warm-up scaling, backward, gradient
 * centralization, global-norm clipping per network, then SGD for each network with its own settings.
 * Training and the parity check both run exactly this.
 */
public final class TrainingStep {
    private final DualModel model;
    private final LearningRule rule;
    private final Sgd forwardOptimizer;
    private final Sgd backwardOptimizer;
    private final int warmup;
    private final boolean gradC;
    private final double gradClipF;
    private final double gradClipB;
    private long globalStep;

    public TrainingStep(DualModel model, LearningRule rule, Config c, NDManager stateManager) {
        this.model = model;
        this.rule = rule;
        this.forwardOptimizer = new Sgd(stateManager, c.getDouble("lr_F"), c.getDouble("mmt_F"), c.getDouble("wd_F"));
        this.backwardOptimizer = new Sgd(stateManager, c.getDouble("lr_B"), c.getDouble("mmt_B"), c.getDouble("wd_B"));
        this.warmup = c.getInt("warmup");
        this.gradC = c.getInt("GradC") == 1;
        this.gradClipF = c.getDouble("grad_clip_F");
        this.gradClipB = c.getDouble("grad_clip_B");
    }

    /**
     * Runs one step on a batch and returns the scalar loss after the warm-up factor (the value the
     * reference backpropagates). {@code batchIdx} is the batch's index within its epoch: the
     * reference's warm-up factor is {@code (batch_idx+1)/warmup} while the global step is below warmup.
     * Call inside an NDScope.
     */
    public NDArray run(NDArray x, NDArray labels, int batchIdx) {
        model.train();
        NDArray loss;
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            loss = rule.loss(model, x, labels);
            if (globalStep < warmup) {
                loss = Ops.mul(loss, (float) ((batchIdx + 1) / (double) warmup));
            }
            tape.backward(loss);
        }
        List<Param> trained = rule.trained(model);
        if (gradC) {
            Gradients.centralize(trained);
        }
        List<Param> forward = trained.stream().filter(p -> p.side() == Side.FORWARD).toList();
        List<Param> backward = trained.stream().filter(p -> p.side() == Side.BACKWARD).toList();
        if (gradClipF != 0) {
            Gradients.clipGlobalNorm(forward, gradClipF);
        }
        if (gradClipB != 0) {
            Gradients.clipGlobalNorm(backward, gradClipB);
        }
        forwardOptimizer.step(forward);
        backwardOptimizer.step(backward);
        Gradients.zero(trained);
        globalStep++;
        return loss;
    }

    public Sgd forwardOptimizer() { return forwardOptimizer; }

    public Sgd backwardOptimizer() { return backwardOptimizer; }

    public long globalStep() { return globalStep; }

    /** For a resumed run: the warm-up factor depends on how many steps were taken before. */
    void setGlobalStep(long steps) { globalStep = steps; }
}
