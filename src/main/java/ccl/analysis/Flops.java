package ccl.analysis;

import ai.djl.ndarray.types.Shape;
import ccl.learn.LearningRule;
import ccl.nn.DualModel;
import ccl.nn.MapInfo;
import ccl.nn.Param;
import ccl.nn.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FLOPs per sample of one training step, counted from the built model and the rule: matrix products
 * only (2·M·N·K each, so a multiply-add is 2 FLOPs; BatchNorm, activations, biases and other element-wise
 * work are left out), the convention of the paper's Table 2. Per map: its forward pass; the weight gradient
 * when the rule trains it; the input gradient unless the rule detaches the map's input or that input is
 * the data. The feedback network counts only when the rule trains it, on its own batch (the K class codes
 * for classification, spread over the B samples; the target images for the autoencoder). Then the rule's
 * own products ({@link LearningRule#productFlops}).
 */
public final class Flops {
    /** One map's FLOPs per sample. */
    public record Row(MapInfo map, double forward, double weightGradient, double inputGradient) {
        public double total() {
            return forward + weightGradient + inputGradient;
        }
    }

    /**
     * Every map's row, the rule's own products per sample, the batch size the count assumes, and what the
     * rule's published code computes per sample where that is more ({@link LearningRule#publishedCodeFlops},
     * else NaN).
     */
    public record Count(List<Row> rows, double ruleProducts, int batch, double publishedCode) {
        /** What this implementation computes. */
        public double total() {
            return rows.stream().mapToDouble(Row::total).sum() + ruleProducts;
        }

        /** The count of the code the paper profiled: the published code's where it differs, else {@link #total}. */
        public double asPublished() {
            return Double.isNaN(publishedCode) ? total() : publishedCode;
        }
    }

    private Flops() {
    }

    /** The count for a config's model and rule, on its dataset's input shape (no data is read). */
    public static Count count(ccl.config.Config config, int batch) {
        LearningRule rule = ccl.learn.LearningRules.create(config);
        return withModel(config, (model, sample) -> count(model, rule, sample, config.isAutoencoder(), batch));
    }

    /** The maps of a config's model as it describes itself, on its dataset's input shape (no data is read). */
    public static List<MapInfo> maps(ccl.config.Config config) {
        return withModel(config, DualModel::describe);
    }

    private static <T> T withModel(ccl.config.Config config, java.util.function.BiFunction<DualModel, Shape, T> body) {
        ccl.data.InputPipelines pipelines = ccl.data.InputPipelines.forConfig(config);
        ccl.data.DatasetId data = pipelines.storage();
        int size = pipelines.train().outputSize(data.imageSize());
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager();
             DualModel model = ccl.nn.Models.build(m, config, data.channels(), size, data.numClasses())) {
            return body.apply(model, new Shape(data.channels(), size, size));
        }
    }

    /** {@code sample}: one input's shape without the batch axis, as the data pipeline hands it to the model. */
    public static Count count(DualModel model, LearningRule rule, Shape sample, boolean autoencoder, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batch);
        }
        Set<String> trained = rule.trained(model).stream().map(Param::name).collect(Collectors.toSet());
        boolean feedbackRuns = rule.trained(model).stream().anyMatch(p -> p.side() == Side.BACKWARD);
        double feedbackShare = autoencoder ? 1 : model.numClasses() / (double) batch;
        boolean detached = rule.detachesLayerInputs();
        List<MapInfo> maps = model.describe(sample);
        List<Row> rows = new ArrayList<>();
        for (MapInfo m : maps) {
            boolean forward = m.side() == Side.FORWARD;
            if (m.spec() == null || (!forward && !feedbackRuns)) {
                continue;
            }
            double share = forward ? 1 : feedbackShare;
            double product = 2.0 * m.multiplyAdds() * share;
            // The forward network's first map reads the data; the feedback network's first, the targets.
            boolean takesData = forward ? m == maps.get(0) : m.stage() == model.depth() - 1;
            rows.add(new Row(m, product, trained.contains(m.name() + ".weight") ? product : 0,
                    detached || takesData ? 0 : product));
        }
        long[] depthSizes = new long[model.depth() + 1];
        depthSizes[0] = maps.get(0).input().size();
        for (MapInfo m : maps) {
            if (m.side() == Side.FORWARD) {
                depthSizes[m.stage() + 1] = m.output().size(); // the stage's last forward map wins
            }
        }
        double ruleProducts = rule.productFlops(depthSizes, model.numClasses(), batch) / batch;
        return new Count(rows, ruleProducts, batch, rule.publishedCodeFlops(depthSizes));
    }
}
