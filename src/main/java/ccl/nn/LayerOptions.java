package ccl.nn;

import ccl.config.Config;

/** The per-layer choices of the config's {@code method} section shared by every dual layer. */
public record LayerOptions(ActivationFn actF, ActivationFn actB, int fwBn, int bwBn, boolean bnAffine, boolean zeroBias) {
    public static LayerOptions from(Config c) {
        return new LayerOptions(ActivationFn.fromName(c.getString("act_F")), ActivationFn.fromName(c.getString("act_B")),
                c.getInt("fw_bn"), c.getInt("bw_bn"), c.getInt("bn_affine") != 0, c.getString("bias_init").equals("zero"));
    }
}
