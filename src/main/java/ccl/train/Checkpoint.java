package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ccl.io.Json;
import ccl.nn.Weights;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's whole mutable state in one NumPy {@code .npz}, written atomically: the model's tensors
 * ({@code model/...}), each optimizer's state (momentum buffers, Adam's moments) keyed by parameter name ({@code optimizer_F/...},
 * {@code optimizer_B/...}), the rule's own tensors ({@code rule/...}), the best model ({@code best/...}),
 * and as {@code meta.json} (UTF-8 bytes) the counters, the running sums of the epoch in progress, the
 * seconds spent on the run, the best epoch and its validation loss, the metrics history and the resolved config. Random streams need
 * no entry: shuffling is replayed from the seed and the epoch count, augmentation is seeded per epoch
 * (its draws for the batches already run are replayed), the engine's generator is seeded per step.
 */
final class Checkpoint {
    private static final int FORMAT = 1;
    private static final String META = "meta.json";

    private Checkpoint() {
    }

    static void write(Path file, TrainingState s, TrainingStep step) {
        Map<String, NDArray> tensors = new LinkedHashMap<>();
        put(tensors, "model/", s.model().state());
        put(tensors, "optimizer_F/", step.forwardOptimizer().state());
        put(tensors, "optimizer_B/", step.backwardOptimizer().state());
        put(tensors, "rule/", s.rule().state());
        if (s.best != null) {
            put(tensors, "best/", s.best.weights());
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("config", s.config().flat());
        meta.put("completed_epochs", s.completedEpochs);
        meta.put("global_step", step.globalStep());
        meta.put("batch_in_epoch", s.batchInEpoch);
        meta.put("epoch_loss_sum", s.epochLossSum);
        meta.put("epoch_samples", s.epochSamples);
        meta.put("epoch_train_seconds", s.epochTrainSeconds);
        meta.put("run_seconds", s.seconds());
        meta.put("best_epoch", s.best == null ? null : s.best.epoch());
        meta.put("best_val_loss", s.best == null ? null : Json.finiteOrNull(s.best.valLoss()));
        meta.put("history", s.history);
        byte[] json = Json.LINE.toJson(meta).getBytes(StandardCharsets.UTF_8);
        NDArray metaArray = s.manager().create(ByteBuffer.wrap(json), new Shape(json.length), DataType.UINT8);
        try {
            tensors.put(META, metaArray);
            Weights.write(file, tensors);
        } finally {
            metaArray.close();
        }
    }

    private static void put(Map<String, NDArray> into, String prefix, Map<String, NDArray> tensors) {
        tensors.forEach((k, v) -> into.put(prefix + k, v));
    }

    @SuppressWarnings("unchecked")
    static void restore(Path file, TrainingState s, TrainingStep step) {
        NDManager owner = s.manager();
        Map<String, NDArray> all = Weights.read(file, owner);
        NDArray metaArray = all.get(META);
        if (metaArray == null) {
            throw new IllegalArgumentException(file + " is not a checkpoint of this tool (it has no " + META + ")");
        }
        Map<String, Object> meta = Json.parseObject(new String(metaArray.toByteArray(), StandardCharsets.UTF_8));
        if (((Number) meta.get("format")).intValue() != FORMAT) {
            throw new IllegalArgumentException(file + ": checkpoint format " + meta.get("format") + ", this build reads "
                    + FORMAT);
        }
        Map<String, Object> saved = (Map<String, Object>) meta.get("config");
        if (!Json.LINE.toJson(saved).equals(Json.LINE.toJson(s.config().flat()))) {
            throw new IllegalArgumentException(file + " was written for another config than the run's config.yaml; "
                    + "resume a run with the config it started with");
        }
        Map<String, NDArray> model = section(all, "model/");
        s.model().load(model, file + " (model)");
        model.values().forEach(NDArray::close); // copied into the model's own tensors
        step.forwardOptimizer().load(section(all, "optimizer_F/"), step.trainedParams());
        step.backwardOptimizer().load(section(all, "optimizer_B/"), step.trainedParams());
        s.rule().loadState(section(all, "rule/"));
        s.completedEpochs = ((Number) meta.get("completed_epochs")).intValue();
        step.setGlobalStep(((Number) meta.get("global_step")).longValue());
        s.batchInEpoch = ((Number) meta.get("batch_in_epoch")).intValue();
        s.epochLossSum = ((Number) meta.get("epoch_loss_sum")).doubleValue();
        s.epochSamples = ((Number) meta.get("epoch_samples")).longValue();
        s.epochTrainSeconds = ((Number) meta.get("epoch_train_seconds")).doubleValue();
        // Checkpoints written before run_seconds was kept start the count from this process.
        s.secondsBefore = meta.get("run_seconds") == null ? 0 : ((Number) meta.get("run_seconds")).doubleValue();
        s.history.clear();
        for (Object record : (List<Object>) meta.get("history")) {
            s.history.add((Map<String, Object>) record);
        }
        if (meta.get("best_epoch") != null) {
            NDManager bestOwner = owner.newSubManager();
            Map<String, NDArray> weights = section(all, "best/");
            weights.values().forEach(a -> a.attach(bestOwner));
            Object valLoss = meta.get("best_val_loss");
            s.best = new TrainingState.Best(((Number) meta.get("best_epoch")).intValue(),
                    valLoss == null ? Double.NaN : ((Number) valLoss).doubleValue(), weights, bestOwner);
        }
        metaArray.close();
    }

    /** The tensors under {@code prefix}, with the prefix taken off their names. */
    private static Map<String, NDArray> section(Map<String, NDArray> all, String prefix) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        all.forEach((k, a) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), a);
            }
        });
        return out;
    }
}
