package ccl.nn;

/** The per-layer choices of the config's {@code method} section shared by every dual layer. */
public record LayerOptions(ActivationFn actF, ActivationFn actB, int fwBn, int bwBn, boolean bnAffine) {
}
