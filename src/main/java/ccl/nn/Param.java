package ccl.nn;

import ai.djl.ndarray.NDArray;

/**
 * A trainable tensor with its state-dict name (the reference's, e.g. {@code enc1.forward_layer.weight})
 * and the network it belongs to. The value lives outside every step scope and is updated in place.
 */
public final class Param {
    private final String name;
    private final Side side;
    private final NDArray value;

    public Param(String name, Side side, NDArray value) {
        this.name = name;
        this.side = side;
        this.value = value;
        value.setName(name);
        value.setRequiresGradient(true);
    }

    public String name() { return name; }

    public Side side() { return side; }

    public NDArray value() { return value; }

    /** Bias vectors are exempt from gradient centralization, as in the reference ({@code "bias" in name}). */
    public boolean isBias() { return name.contains("bias"); }

    /** The accumulated gradient; a new handle on the same storage, so in-place edits change the gradient. */
    public NDArray grad() { return value.getGradient(); }
}
