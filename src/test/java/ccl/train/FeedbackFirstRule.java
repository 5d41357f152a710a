package ccl.train;

import ai.djl.ndarray.NDArray;
import ccl.learn.LearningRule;
import ccl.learn.Losses;
import ccl.learn.Phase;
import ccl.nn.DualModel;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * The shape of a target-propagation rule, for tests: a feedback-only phase run twice per step (the feedback
 * network learns to map a class code back to the input), then a forward update (backprop's loss), and one
 * feedback pre-training epoch. It records the phases in the order their losses were computed.
 */
final class FeedbackFirstRule implements LearningRule {
    final List<String> calls = new ArrayList<>();

    @Override
    public String name() { return "feedback-first"; }

    @Override
    public NDArray loss(DualModel model, NDArray x, NDArray target) {
        calls.add("forward");
        List<NDArray> acts = model.forward(x, false);
        return Losses.crossEntropy(acts.get(acts.size() - 1), target);
    }

    private NDArray feedbackLoss(DualModel model, NDArray x, NDArray target) {
        calls.add("feedback");
        NDArray codes = target.oneHot(model.numClasses()).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
        return Losses.mse(model.reverse(codes, false).get(0), x.stopGradient());
    }

    @Override
    public List<Param> trained(DualModel model) { return model.params(); }

    @Override
    public List<Phase> phases(DualModel model) {
        return List.of(new Phase("feedback", this::feedbackLoss, model.params(Side.BACKWARD), 2),
                Phase.once("forward", this::loss, model.params(Side.FORWARD)));
    }

    @Override
    public int pretrainingEpochs() { return 1; }

    @Override
    public List<Phase> pretrainingPhases(DualModel model) {
        return List.of(Phase.once("feedback", this::feedbackLoss, model.params(Side.BACKWARD)));
    }
}
