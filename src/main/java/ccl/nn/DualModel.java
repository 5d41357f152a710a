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
            for (DualLayer layer : stages.get(i)) {
                h = layer.forward(h, detach, i < stages.size() - 1, training, feedback);
            }
            out.add(h);
        }
        return out;
    }

    public List<NDArray> reverse(NDArray targets, boolean detach) {
        NDArray[] out = new NDArray[stages.size() + 1];
        out[stages.size()] = targets;
        NDArray h = targets;
        for (int i = stages.size() - 1; i >= 0; i--) {
            List<DualLayer> stage = stages.get(i);
            for (int j = stage.size() - 1; j >= 0; j--) {
                h = stage.get(j).reverse(h, detach, i > 0, training);
            }
            out[i] = h;
        }
        return List.of(out);
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

    /** Overwrites tensors in place from {@code values}; every key of the model must be present with its shape. */
    public void load(Map<String, NDArray> values, String origin) {
        for (Map.Entry<String, NDArray> e : state().entrySet()) {
            NDArray src = values.get(e.getKey());
            if (src == null) {
                throw new IllegalArgumentException(origin + ": missing tensor '" + e.getKey()
                        + "'; it holds " + values.keySet());
            }
            Shape want = e.getValue().getShape();
            if (!src.getShape().equals(want)) {
                throw new IllegalArgumentException(origin + ": tensor '" + e.getKey() + "' has shape "
                        + src.getShape() + ", the model needs " + want);
            }
            // An engine-side copy into the existing tensor: parameters keep their identity and gradient flag.
            e.getValue().set(ALL, src.toType(e.getValue().getDataType(), false));
        }
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
