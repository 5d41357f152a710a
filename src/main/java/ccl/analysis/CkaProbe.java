package ccl.analysis;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ccl.nn.DualModel;
import ccl.train.TrainingState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The paper's Fig 6: linear CKA ({@link Cka}) between every feedback activation (rows b0 … b_{L−1}, target)
 * and every forward activation (columns input, a1 … a_L) on the first test samples, the feedback network
 * given each sample's own target (its one-hot label; the image for the autoencoder).
 */
final class CkaProbe extends StepProbe {
    CkaProbe(Set<Long> steps, int samples, Consumer<Map<String, Object>> sink) {
        super(steps, samples, sink);
    }

    @Override
    void look(TrainingState state, DualModel model, Consumer<Map<String, Object>> sink) {
        NDArray codes = state.config().isAutoencoder() ? targets
                : targets.oneHot(model.numClasses()).toType(DataType.FLOAT32, false);
        // One centred Gram per activation (n × n): the float64 copies of the features go as each is taken.
        List<NDArray> forward = grams(model.forward(x, true));
        List<NDArray> feedback = grams(model.reverse(codes, true));
        List<List<Double>> matrix = new ArrayList<>();
        for (NDArray b : feedback) {
            List<Double> row = new ArrayList<>();
            for (NDArray a : forward) {
                row.add(Cka.fromGrams(b, a));
            }
            matrix.add(row);
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

    private static List<NDArray> grams(List<NDArray> activations) {
        return activations.stream().map(Cka::centredGram).toList();
    }
}
