package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two anti-parallel networks of mirrored shape, as a stack of stages of dual layers. A stage is one
 * depth: a layer with weights, possibly followed by shape-only layers (pooling, flattening) whose
 * output stands for the stage, as in the reference's CNNs. {@link #forward} returns every stage's
 * activation {@code [x, a1, ..., logits]}; {@link #reverse} runs the feedback network from the targets
 * down and returns {@code [c0, ..., c_{L-1}, targets]}, so entry i of both lists lives at the same
 * depth. The last map in each direction has no activation (and no BatchNorm), as in the reference.
 */
public final class DualModel implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");

    private final NDManager manager;
    private final List<List<DualLayer>> stages;
    private final List<DualLayer> layers;
    private final int numClasses;
    private final boolean flatInput;
    private boolean training = true;

    /** {@code flatInput}: the first stage takes samples flattened to vectors (MLPs) rather than images. */
    public DualModel(NDManager manager, List<List<DualLayer>> stages, int numClasses, boolean flatInput) {
        this.manager = manager;
        this.stages = stages.stream().map(List::copyOf).toList();
        this.layers = this.stages.stream().flatMap(List::stream).toList();
        this.numClasses = numClasses;
        this.flatInput = flatInput;
    }

    public List<NDArray> forward(NDArray x, boolean detach) {
        return forward(x, detach, null);
    }

    /**
     * The forward network end to end (no detaching) with the error reaching each layer's input through
     * {@code feedback} instead of the forward weights: the feedback-alignment family.
     */
    public List<NDArray> forward(NDArray x, FeedbackWeights feedback) {
        return forward(x, false, feedback);
    }

    private List<NDArray> forward(NDArray x, boolean detach, FeedbackWeights feedback) {
        List<NDArray> out = new ArrayList<>(stages.size() + 1);
        out.add(x);
        NDArray h = x;
        for (int i = 0; i < stages.size(); i++) {
            h = forwardStage(i, h, detach, feedback);
            out.add(h);
        }
        return out;
    }

    public List<NDArray> reverse(NDArray targets, boolean detach) {
        NDArray[] out = new NDArray[stages.size() + 1];
        out[stages.size()] = targets;
        NDArray h = targets;
        for (int i = stages.size() - 1; i >= 0; i--) {
            h = feedbackStage(i, h, detach);
            out[i] = h;
        }
        return List.of(out);
    }

    /** The number of stages: entries 1..depth of {@link #forward} are their outputs. */
    public int depth() { return stages.size(); }

    /**
     * Stage {@code i}'s forward map applied to any tensor shaped like entry i of {@link #forward} (what
     * a target-propagation rule needs: f_i of a noisy input); the last stage runs bare.
     */
    public NDArray forwardStage(int i, NDArray h, boolean detach) {
        return forwardStage(i, h, detach, null);
    }

    private NDArray forwardStage(int i, NDArray h, boolean detach, FeedbackWeights feedback) {
        for (DualLayer layer : stages.get(i)) {
            h = layer.forward(h, detach, i < stages.size() - 1, training, feedback);
        }
        return h;
    }

    /**
     * Stage {@code i}'s feedback map applied to any tensor shaped like entry i+1 of {@link #forward}
     * (target propagation's g_i); it returns a tensor shaped like entry i. Stage 0 runs bare.
     */
    public NDArray feedbackStage(int i, NDArray h, boolean detach) {
        List<DualLayer> stage = stages.get(i);
        for (int j = stage.size() - 1; j >= 0; j--) {
            h = stage.get(j).reverse(h, detach, i > 0, training);
        }
        return h;
    }

    /**
     * Every map of the model for one sample of shape {@code sample} (without the batch axis): per layer
     * from the input up, its forward map then its feedback map. Enough to count the model's cost.
     */
    public List<MapInfo> describe(Shape sample) {
        List<MapInfo> maps = new ArrayList<>();
        Shape h = flatInput ? new Shape(sample.size()) : sample;
        for (int i = 0; i < stages.size(); i++) {
            for (DualLayer layer : stages.get(i)) {
                List<MapInfo> both = layer.describe(i, h, i == stages.size() - 1, i == 0);
                maps.addAll(both);
                h = both.get(0).output();
            }
        }
        return maps;
    }

    /** Whether batches come flattened (N×d) rather than as images (N×C×H×W). */
    public boolean flatInput() { return flatInput; }

    /** The feedback network's input for classification: the one-hot code of every class (C×C identity). */
    public NDArray classTargets(NDManager scope) {
        return scope.eye(numClasses);
    }

    public int numClasses() { return numClasses; }

    public void train() { training = true; }

    public void eval() { training = false; }

    public boolean isTraining() { return training; }

    /** The layers with weights in both directions, from the input up. */
    public List<DualMap> maps() {
        return layers.stream().filter(DualMap.class::isInstance).map(DualMap.class::cast).toList();
    }

    public List<Param> params() {
        return layers.stream().flatMap(l -> l.params().stream()).toList();
    }

    public List<Param> params(Side side) {
        return params().stream().filter(p -> p.side() == side).toList();
    }

    /** Every parameter and buffer, keyed by the reference's state-dict names, in its order. */
    public Map<String, NDArray> state() {
        Map<String, NDArray> state = new LinkedHashMap<>();
        layers.forEach(l -> state.putAll(l.state()));
        return state;
    }

    /**
     * Overwrites tensors in place from {@code values}: exactly the model's tensors, each with its shape
     * and type and with finite values, else an error naming {@code origin} and the tensor.
     */
    public void load(Map<String, NDArray> values, String origin) {
        Map<String, NDArray> own = state();
        List<String> extra = values.keySet().stream().filter(k -> !own.containsKey(k)).toList();
        if (!extra.isEmpty()) {
            throw new IllegalArgumentException(origin + ": tensors this model does not have: " + extra
                    + " (saved from another architecture or width?); the model's tensors are " + own.keySet());
        }
        for (Map.Entry<String, NDArray> e : own.entrySet()) {
            String name = e.getKey();
            NDArray src = values.get(name);
            if (src == null) {
                throw new IllegalArgumentException(origin + ": missing tensor '" + name + "'; it holds " + values.keySet());
            }
            NDArray dst = e.getValue();
            if (!src.getShape().equals(dst.getShape())) {
                throw new IllegalArgumentException(origin + ": tensor '" + name + "' has shape " + src.getShape()
                        + ", the model needs " + dst.getShape());
            }
            if (src.getDataType() != dst.getDataType()) {
                throw new IllegalArgumentException(origin + ": tensor '" + name + "' is " + src.getDataType()
                        + ", the model needs " + dst.getDataType() + " (save it as the reference's state_dict does)");
            }
            if (src.getDataType().isFloating() && !src.isInfinite().logicalOr(src.isNaN()).none().getBoolean()) {
                throw new IllegalArgumentException(origin + ": tensor '" + name + "' holds NaN or infinite values");
            }
        }
        // Engine-side copies into the existing tensors: parameters keep their identity and gradient flag.
        own.forEach((name, dst) -> dst.set(ALL, values.get(name)));
    }

    /** A detached copy of every tensor (e.g. the best model so far), owned by {@code owner}. */
    public Map<String, NDArray> snapshot(NDManager owner) {
        Map<String, NDArray> copy = new LinkedHashMap<>();
        state().forEach((k, v) -> {
            NDArray c = v.duplicate();
            c.attach(owner);
            c.setName(k);
            copy.put(k, c);
        });
        return copy;
    }

    public NDManager manager() { return manager; }

    @Override
    public void close() {
        manager.close();
    }
}
