package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ccl.nn.DualModel;
import ccl.train.TrainingState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The paper's Figs 3 and 8: at each chosen step and hidden depth, one exact t-SNE ({@link Tsne}, perplexity
 * 30 (or a third of the points, when fewer than 91), 1000 iterations, seed 0) of the forward features of the first test samples together with the feedback
 * features of the C class one-hots at that depth; a record holds both point sets, the samples' labels and
 * the final KL divergence. Classification only; eval mode, nothing changed.
 */
final class TsneProbe extends StepProbe {
    TsneProbe(Set<Long> steps, int samples, Consumer<Map<String, Object>> sink) {
        super(steps, samples, sink);
    }

    @Override
    void check(TrainingState state) {
        if (state.config().isAutoencoder()) {
            throw new IllegalArgumentException("--probe tsne embeds class features; it does not apply to task autoencoder");
        }
    }

    @Override
    void look(TrainingState state, DualModel model, Consumer<Map<String, Object>> sink) {
        int[] labels = targets.toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
        List<NDArray> forward = model.forward(x, true);
        List<NDArray> feedback = model.reverse(model.classTargets(x.getManager()), true);
        for (int depth = 1; depth < model.depth(); depth++) {
            NDArray a = forward.get(depth).reshape(x.getShape().get(0), -1);
            NDArray b = feedback.get(depth).reshape(model.numClasses(), -1);
            NDArray points = NDArrays.concat(new NDList(a, b));
            // 30 as the paper's plots use, less for a handful of points (perplexity must stay below n).
            double perplexity = Math.min(30, (points.getShape().get(0) - 1) / 3.0);
            Tsne.Result r = Tsne.embed(points, perplexity, 1000, 0);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("probe", "tsne");
            record.put("step", state.globalStep());
            record.put("depth", depth);
            record.put("perplexity", perplexity);
            record.put("kl", r.kl());
            record.put("labels", Arrays.stream(labels).boxed().toList());
            record.put("forward", points(r.embedding(), 0, labels.length));
            record.put("targets", points(r.embedding(), labels.length, r.embedding().length));
            sink.accept(record);
        }
    }

    private static List<List<Double>> points(double[][] y, int from, int to) {
        return Arrays.stream(y, from, to).map(p -> List.of(p[0], p[1])).toList();
    }
}
