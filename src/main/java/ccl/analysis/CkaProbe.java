package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ccl.data.Batches;
import ccl.nn.DualModel;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The paper's Fig 6: linear CKA ({@link Cka}) between every feedback activation (rows b0 … b_{L−1}, target)
 * and every forward activation (columns input, a1 … a_L) on the first test samples, the feedback network
 * given each sample's own target (its one-hot label; the image for the autoencoder), in eval mode, at the
 * chosen training steps. It changes nothing: no gradient, no BatchNorm statistic, no random draw.
 */
final class CkaProbe implements TrainingListener {
    private final Set<Long> steps;
    private final int samples;
    private final Consumer<Map<String, Object>> sink;
    private NDArray x;
    private NDArray targets;

    CkaProbe(Set<Long> steps, int samples, Consumer<Map<String, Object>> sink) {
        this.steps = steps;
        this.samples = samples;
        this.sink = sink;
    }

    @Override
    public void onFitStart(TrainingState state) {
        Batches test = state.data().test();
        int n = Math.min(samples, test.set().size());
        Batches.Batch b = test.assemble(IntStream.range(0, n).toArray(), 0, n, new SplittableRandom(0));
        // Copies in engine memory: the batch's buffer is Java's and would be reused.
        x = b.images(state.manager(), state.model().flatInput()).duplicate();
        NDArray t = b.targets(state.manager());
        targets = (state.config().isAutoencoder() ? t
                : t.oneHot(state.model().numClasses()).toType(DataType.FLOAT32, false)).duplicate();
        probeIfChosen(state); // step 0, or the step a resumed run starts from
    }

    @Override
    public void onStepEnd(TrainingState state, float loss, int samples) {
        probeIfChosen(state);
    }

    private static List<NDArray> grams(List<NDArray> activations) {
        List<NDArray> grams = new ArrayList<>();
        for (NDArray a : activations) {
            grams.add(Cka.centredGram(a));
        }
        return grams;
    }

    private void probeIfChosen(TrainingState state) {
        if (!steps.contains(state.globalStep())) {
            return;
        }
        DualModel model = state.model();
        boolean training = model.isTraining();
        model.eval();
        List<List<Double>> matrix = new ArrayList<>();
        try (NDScope ignored = new NDScope()) {
            // One centred Gram per activation (n × n): the float64 copies of the features go as each is taken.
            List<NDArray> forward = grams(model.forward(x, true));
            List<NDArray> feedback = grams(model.reverse(targets, true));
            for (NDArray b : feedback) {
                List<Double> row = new ArrayList<>();
                for (NDArray a : forward) {
                    row.add(Cka.fromGrams(b, a));
                }
                matrix.add(row);
            }
        } finally {
            if (training) {
                model.train();
            }
        }
        int depth = model.depth();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("probe", "cka");
        record.put("step", state.globalStep());
        record.put("samples", x.getShape().get(0));
        record.put("rows", IntStream.rangeClosed(0, depth).mapToObj(i -> i == depth ? "target" : "b" + i).toList());
        record.put("cols", IntStream.rangeClosed(0, depth).mapToObj(i -> i == 0 ? "input" : "a" + i).toList());
        record.put("cka", matrix);
        sink.accept(record);
    }
}
