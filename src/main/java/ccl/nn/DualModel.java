package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two anti-parallel networks of mirrored shape, as a stack of dual layers. {@link #forward} returns
 * every activation {@code [x, a1, ..., logits]}; {@link #reverse} runs the feedback network from the
 * targets down and returns {@code [c0, ..., c_{L-1}, targets]}, so entry i of both lists lives at the
 * same depth. The last map in each direction has no activation (and no BatchNorm), as in the reference.
 */
public final class DualModel implements AutoCloseable {
    private final NDManager manager;
    private final List<DualLayer> layers;
    private final int numClasses;
    private boolean training = true;

    public DualModel(NDManager manager, List<DualLayer> layers, int numClasses) {
        this.manager = manager;
        this.layers = List.copyOf(layers);
        this.numClasses = numClasses;
    }

    public List<NDArray> forward(NDArray x, boolean detach) {
        List<NDArray> out = new ArrayList<>(layers.size() + 1);
        out.add(x);
        NDArray h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, detach, i < layers.size() - 1, training);
            out.add(h);
        }
        return out;
    }

    public List<NDArray> reverse(NDArray targets, boolean detach) {
        NDArray[] out = new NDArray[layers.size() + 1];
        out[layers.size()] = targets;
        NDArray h = targets;
        for (int i = layers.size() - 1; i >= 0; i--) {
            h = layers.get(i).reverse(h, detach, i > 0, training);
            out[i] = h;
        }
        return List.of(out);
    }

    /** The feedback network's input for classification: the one-hot code of every class (C×C identity). */
    public NDArray classTargets(NDManager scope) {
        return scope.eye(numClasses);
    }

    public int numClasses() { return numClasses; }

    public int depth() { return layers.size(); }

    public void train() { training = true; }

    public void eval() { training = false; }

    public boolean isTraining() { return training; }

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
            e.getValue().set(src.toType(e.getValue().getDataType(), false).toByteBuffer());
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
