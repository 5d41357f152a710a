package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The reference's dual layers (models/layers.py, models/models_cnn.py), built with PyTorch's default initialization. */
public final class DualLayers {
    private static final Shape TWO = new Shape(2, 2);

    private DualLayers() {
    }

    /**
     * {@code C2Linear}: {@code forward_layer} in→out and {@code backward_layer} out→in, no bias. Its
     * BatchNorm1d keeps PyTorch's default affine=True whatever {@code bn_affine} says, as in the reference.
     */
    public static DualLayer linear(NDManager m, String name, int in, int out, LayerOptions opt) {
        return new DualMap(
                direction(m, name, Side.FORWARD, MapSpec.linear(in, out, norm(name, Side.FORWARD, opt.fwBn(), in, out, true),
                        opt.actF())),
                direction(m, name, Side.BACKWARD, MapSpec.linear(out, in, norm(name, Side.BACKWARD, opt.bwBn(), out, in,
                        true), opt.actB())));
    }

    /**
     * {@code C2Conv}: forward 3x3 convolution with stride 2 and padding 1; feedback x2 nearest-neighbour
     * upsampling, then 3x3 convolution with stride 1. Both with bias (zeroed when {@code bias_init: zero});
     * BatchNorm2d honours {@code bn_affine}.
     */
    public static DualLayer conv(NDManager m, String name, int in, int out, LayerOptions opt) {
        MapSpec.Bias bias = opt.zeroBias() ? MapSpec.Bias.ZERO : MapSpec.Bias.DEFAULT;
        return new DualMap(
                direction(m, name, Side.FORWARD, MapSpec.conv(in, out, 2, false, bias,
                        norm(name, Side.FORWARD, opt.fwBn(), in, out, opt.bnAffine()), opt.actF())),
                direction(m, name, Side.BACKWARD, MapSpec.conv(out, in, 1, true, bias,
                        norm(name, Side.BACKWARD, opt.bwBn(), out, in, opt.bnAffine()), opt.actB())));
    }

    /** {@code C2ConvStride1}: 3x3 convolutions with stride 1 both ways, no bias, BatchNorm2d always affine. */
    public static DualLayer convStride1(NDManager m, String name, int in, int out, LayerOptions opt) {
        return new DualMap(
                direction(m, name, Side.FORWARD, MapSpec.conv(in, out, 1, false, MapSpec.Bias.NONE,
                        norm(name, Side.FORWARD, opt.fwBn(), in, out, true), opt.actF())),
                direction(m, name, Side.BACKWARD, MapSpec.conv(out, in, 1, false, MapSpec.Bias.NONE,
                        norm(name, Side.BACKWARD, opt.bwBn(), out, in, true), opt.actB())));
    }

    /**
     * The legacy autoencoder's encoder layer ({@code C2Conv} of models_cnn_ae_legacy.py): forward 3x3
     * convolution with stride 2, BatchNorm2d of its output, activation; feedback x2 upsampling, 3x3
     * convolution, BatchNorm2d, activation. Both maps have a bias; only the forward one starts at zero.
     */
    public static DualLayer legacyEncoder(NDManager m, String name, int in, int out, LayerOptions opt) {
        return new DualMap(
                direction(m, name, Side.FORWARD, MapSpec.conv(in, out, 2, false, MapSpec.Bias.ZERO,
                        norm(name, Side.FORWARD, 2, in, out, true), opt.actF())),
                direction(m, name, Side.BACKWARD, MapSpec.conv(out, in, 1, true, MapSpec.Bias.DEFAULT,
                        norm(name, Side.BACKWARD, 2, out, in, true), opt.actB())));
    }

    /**
     * The legacy autoencoder's decoder layer ({@code C2ConvTrans}): forward x2 upsampling, 3x3 convolution,
     * BatchNorm2d, activation; feedback 3x3 convolution with stride 2, BatchNorm2d (named
     * {@code backward_bn1} in the reference), activation. Biases as in {@link #legacyEncoder}.
     */
    public static DualLayer legacyDecoder(NDManager m, String name, int in, int out, LayerOptions opt) {
        return new DualMap(
                direction(m, name, Side.FORWARD, MapSpec.conv(in, out, 1, true, MapSpec.Bias.ZERO,
                        norm(name, Side.FORWARD, 2, in, out, true), opt.actF())),
                direction(m, name, Side.BACKWARD, MapSpec.conv(out, in, 2, false, MapSpec.Bias.DEFAULT,
                        MapSpec.Norm.of(2, name + ".backward_bn1", out, in, true), opt.actB())));
    }

    /** BatchNorm named as the reference names it: {@code <layer>.forward_bn} or {@code <layer>.backward_bn}. */
    private static MapSpec.Norm norm(String name, Side side, int mode, int in, int out, boolean affine) {
        return MapSpec.Norm.of(mode, name + (side == Side.FORWARD ? ".forward_bn" : ".backward_bn"), in, out, affine);
    }

    /** {@code C2Pool}: 2x2 max-pooling forward, x2 nearest-neighbour upsampling back. */
    public static DualLayer pool() {
        return new ShapeLayer("maxpool2x2", "upsample2x", x -> Pool.maxPool2d(x, TWO, TWO, new Shape(0, 0), false),
                DualLayers::upsample, s -> new Shape(s.get(0), s.get(1) / 2, s.get(2) / 2));
    }

    /**
     * The FW-DTP code's batch norm of the network's output ({@code linear-BN}): the last forward map's
     * output standardized over the batch; the feedback way passes through unchanged.
     */
    public static DualLayer standardizeOutput() {
        return new ShapeLayer("batch_standardize", "identity", BatchStandardize::apply, x -> x, s -> s);
    }

    /** {@code C2View}: flattens C×H×W to a vector forward and restores it back. */
    public static DualLayer view(Shape image) {
        return new ShapeLayer("flatten", "unflatten", x -> x.reshape(x.getShape().get(0), image.size()),
                x -> x.reshape(new Shape(x.getShape().get(0)).addAll(image)), s -> new Shape(s.size()));
    }

    /** {@code nn.Upsample(scale_factor=2, mode='nearest')}. */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /**
     * One direction's tensors, with PyTorch's default initialization: weight and bias uniform in
     * ±1/sqrt(fan_in) (kaiming_uniform with a=√5), where fan_in is the weight's size over its first axis.
     */
    private static Direction direction(NDManager m, String name, Side side, MapSpec spec) {
        String layer = name + (side == Side.FORWARD ? ".forward_layer" : ".backward_layer");
        Shape shape = spec.weightShape();
        float bound = (float) (1 / Math.sqrt(shape.size() / shape.get(0)));
        Param weight = new Param(layer + ".weight", side, m.randomUniform(-bound, bound, shape));
        Param bias = switch (spec.bias()) {
            case NONE -> null;
            case ZERO -> new Param(layer + ".bias", side, m.zeros(new Shape(spec.out())));
            case DEFAULT -> new Param(layer + ".bias", side, m.randomUniform(-bound, bound, new Shape(spec.out())));
        };
        MapSpec.Norm norm = spec.norm();
        BatchNorm bn = norm.mode() == 1 || norm.mode() == 2 ? new BatchNorm(m, norm.name(), norm.channels(), norm.affine())
                : null;
        return new Direction(spec, weight, bias, bn);
    }

    /** A layer without weights that only changes shape (pooling, flattening); it ignores detach and act. */
    private record ShapeLayer(String downOp, String upOp, UnaryOperator<NDArray> down, UnaryOperator<NDArray> up,
                              UnaryOperator<Shape> downShape) implements DualLayer {
        @Override
        public List<MapInfo> describe(int stage, Shape input, boolean bareForward, boolean bareBackward) {
            Shape out = downShape.apply(input);
            return List.of(new MapInfo(stage, downOp, Side.FORWARD, downOp, input, out, null, bareForward),
                    new MapInfo(stage, upOp, Side.BACKWARD, upOp, out, input, null, bareBackward));
        }

        @Override
        public NDArray forward(NDArray x, boolean detach, boolean act, boolean training, FeedbackWeights feedback) {
            return down.apply(x);
        }

        @Override
        public NDArray reverse(NDArray x, boolean detach, boolean act, boolean training) {
            return up.apply(x);
        }

        @Override
        public List<Param> params() {
            return List.of();
        }

        @Override
        public Map<String, NDArray> state() {
            return Map.of();
        }
    }
}
