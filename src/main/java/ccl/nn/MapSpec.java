package ccl.nn;

import ai.djl.ndarray.types.Shape;

/**
 * What one direction of a dual layer computes, enough to build it and to count its cost: an optional x2
 * nearest-neighbour upsampling of the input, the weighted map (a linear map, or a 3x3 convolution with
 * padding 1 and a stride), an optional bias, BatchNorm by the reference's mode, then the activation. The
 * last map in each direction of a model runs bare: upsampling and the weighted map only.
 */
public record MapSpec(Op op, int in, int out, int stride, boolean upsample, Bias bias, Norm norm,
                      ActivationFn activation) {
    public enum Op { LINEAR, CONV3X3 }

    /** No bias, PyTorch's default uniform initialization, or zeros ({@code bias_init: zero}). */
    public enum Bias { NONE, DEFAULT, ZERO }

    /**
     * BatchNorm: mode 0 none, 1 before the map (over its input channels), 2 after it (over its output
     * channels), 3 the FW-DTP code's {@link BatchStandardize} after the activation (no state);
     * {@code name} is the state-dict prefix, {@code affine} whether it has a weight and bias.
     */
    public record Norm(int mode, String name, int channels, boolean affine) {
        public static final Norm NONE = new Norm(0, null, 0, false);

        /** The reference's rule: the channels of the side it normalizes. */
        static Norm of(int mode, String name, int in, int out, boolean affine) {
            return mode == 0 ? NONE : new Norm(mode, name, mode == 1 ? in : out, affine);
        }
    }

    public static MapSpec linear(int in, int out, Norm norm, ActivationFn activation) {
        return new MapSpec(Op.LINEAR, in, out, 1, false, Bias.NONE, norm, activation);
    }

    public static MapSpec conv(int in, int out, int stride, boolean upsample, Bias bias, Norm norm,
                               ActivationFn activation) {
        return new MapSpec(Op.CONV3X3, in, out, stride, upsample, bias, norm, activation);
    }

    public int kernel() { return op == Op.LINEAR ? 1 : 3; }

    public int padding() { return op == Op.LINEAR ? 0 : 1; }

    /** PyTorch's layout: out × in for a linear map, out × in × 3 × 3 for a convolution. */
    public Shape weightShape() {
        return op == Op.LINEAR ? new Shape(out, in) : new Shape(out, in, 3, 3);
    }

    /** The output shape of one sample ({@code in} or {@code in×H×W}), without the batch axis. */
    public Shape outputShape(Shape input) {
        if (op == Op.LINEAR) {
            return new Shape(out);
        }
        long h = upsample ? 2 * input.get(1) : input.get(1);
        long w = upsample ? 2 * input.get(2) : input.get(2);
        return new Shape(out, (h + 2L * padding() - 3) / stride + 1, (w + 2L * padding() - 3) / stride + 1);
    }
}
