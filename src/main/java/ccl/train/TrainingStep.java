package ccl.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import ccl.config.Config;
import ccl.learn.LearningRule;
import ccl.learn.Phase;
import ccl.nn.DualModel;
import ccl.nn.Ops;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One iteration of the reference training loop: loss, warm-up scaling, backward, gradient
 * centralization, global-norm clipping per network, then each network's optimizer with its own
 * settings; for a rule with several phases, that for each phase in turn. Training and the parity check
 * both run exactly this.
 */
public final class TrainingStep {
    private final DualModel model;
    private final LearningRule rule;
    private final Optimizer forwardOptimizer;
    private final Optimizer backwardOptimizer;
    private final int warmup;
    private final boolean gradC;
    private final double gradClipF;
    private final double gradClipB;
    private long globalStep;
    private final StepTimings timings = new StepTimings();

    public TrainingStep(DualModel model, LearningRule rule, Config c, NDManager stateManager) {
        this.model = model;
        this.rule = rule;
        this.forwardOptimizer = Optimizers.create(c, Side.FORWARD, stateManager);
        this.backwardOptimizer = Optimizers.create(c, Side.BACKWARD, stateManager);
        this.warmup = c.getInt("warmup");
        this.gradC = c.getInt("GradC") == 1;
        this.gradClipF = c.getDouble("grad_clip_F");
        this.gradClipB = c.getDouble("grad_clip_B");
    }

    /** A training step: the rule's {@link LearningRule#phases}. */
    public NDArray run(NDArray x, NDArray labels, int batchIdx) {
        return run(rule.phases(model), x, labels, batchIdx);
    }

    /** A step of a pre-training epoch: the rule's {@link LearningRule#pretrainingPhases}. */
    public NDArray pretrain(NDArray x, NDArray labels, int batchIdx) {
        return run(rule.pretrainingPhases(model), x, labels, batchIdx);
    }

    /**
     * Runs the phases on a batch and returns the last one's scalar loss after the warm-up factor (the
     * value the reference backpropagates). {@code batchIdx} is the batch's index within its epoch: the
     * reference's warm-up factor is {@code (batch_idx+1)/warmup} while the global step is below warmup.
     * Call inside an NDScope.
     */
    private NDArray run(List<Phase> phases, NDArray x, NDArray labels, int batchIdx) {
        model.train();
        NDArray loss = null;
        for (Phase phase : phases) {
            for (int r = 0; r < phase.repeats(); r++) {
                loss = update(phase, x, labels, batchIdx);
            }
        }
        globalStep++;
        return loss;
    }

    private NDArray update(Phase phase, NDArray x, NDArray labels, int batchIdx) {
        NDArray loss;
        long t0 = System.nanoTime();
        try (GradientCollector tape = Engine.getInstance().newGradientCollector()) {
            loss = phase.loss().compute(model, x, labels);
            if (globalStep < warmup) {
                loss = Ops.mul(loss, (float) ((batchIdx + 1) / (double) warmup));
            }
            tape.backward(loss);
        }
        long t1 = System.nanoTime();
        timings.add(StepTimings.Part.LOSS_AND_BACKWARD, t1 - t0);
        List<Param> trained = phase.trained();
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
        long t2 = System.nanoTime();
        timings.add(StepTimings.Part.CLIP, t2 - t1);
        forwardOptimizer.step(forward);
        backwardOptimizer.step(backward);
        long t3 = System.nanoTime();
        timings.add(StepTimings.Part.OPTIMIZER, t3 - t2);
        Gradients.zero(trained);
        timings.add(StepTimings.Part.ZERO_GRAD, System.nanoTime() - t3);
        return loss;
    }

    /** Every parameter some phase trains: the ones whose optimizer state a checkpoint holds. */
    List<Param> trainedParams() {
        Set<Param> all = new LinkedHashSet<>();
        Stream.concat(rule.phases(model).stream(), rule.pretrainingPhases(model).stream())
                .forEach(p -> all.addAll(p.trained()));
        return List.copyOf(all);
    }

    public Optimizer forwardOptimizer() { return forwardOptimizer; }

    public Optimizer backwardOptimizer() { return backwardOptimizer; }

    public long globalStep() { return globalStep; }

    public StepTimings timings() { return timings; }

    /** For a resumed run: the warm-up factor depends on how many steps were taken before. */
    void setGlobalStep(long steps) { globalStep = steps; }
}
