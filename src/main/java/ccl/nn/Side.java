package ccl.nn;

/** The two anti-parallel networks of a dual model; each has its own optimizer ({@code lr_F} vs {@code lr_B}). */
public enum Side {
    /** The forward network, input to logits ({@code forward_layer}s). */
    FORWARD,
    /** The feedback network, targets to input width ({@code backward_layer}s). */
    BACKWARD
}
