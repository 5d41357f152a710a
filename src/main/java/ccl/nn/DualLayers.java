package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The reference's dual layers (models/layers.py, models/models_cnn.py), built with PyTorch's default initialization. */
public final class DualLayers {
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);

    private DualLayers() {
    }

    /**
     * {@code C2Linear}: {@code forward_layer} in→out and {@code backward_layer} out→in, no bias. Its
     * BatchNorm1d keeps PyTorch's default affine=True whatever {@code bn_affine} says, as in the reference.
     */
    public static DualLayer linear(NDManager m, String name, int in, int out, LayerOptions opt) {
        Direction.Map2 map = (x, w, b) -> Linear.linear(x, w).singletonOrThrow();
        return new DualMap(
                direction(m, name, Side.FORWARD, new Shape(out, in), false, false, map, null, opt.fwBn(),
                        opt.fwBn() == 1 ? in : out, true, opt.actF()),
                direction(m, name, Side.BACKWARD, new Shape(in, out), false, false, map, null, opt.bwBn(),
                        opt.bwBn() == 1 ? out : in, true, opt.actB()));
    }

    /**
     * {@code C2Conv}: forward 3x3 convolution with stride 2 and padding 1; feedback x2 nearest-neighbour
     * upsampling, then 3x3 convolution with stride 1. Both with bias (zeroed when {@code bias_init: zero});
     * BatchNorm2d honours {@code bn_affine}.
     */
    public static DualLayer conv(NDManager m, String name, int in, int out, LayerOptions opt) {
        Shape k = new Shape(3, 3);
        return new DualMap(
                direction(m, name, Side.FORWARD, new Shape(out, in).addAll(k), true, opt.zeroBias(), conv(TWO), null,
                        opt.fwBn(), opt.fwBn() == 1 ? in : out, opt.bnAffine(), opt.actF()),
                direction(m, name, Side.BACKWARD, new Shape(in, out).addAll(k), true, opt.zeroBias(), conv(ONE),
                        DualLayers::upsample, opt.bwBn(), opt.bwBn() == 1 ? out : in, opt.bnAffine(), opt.actB()));
    }

    /** {@code C2ConvStride1}: 3x3 convolutions with stride 1 both ways, no bias, BatchNorm2d always affine. */
    public static DualLayer convStride1(NDManager m, String name, int in, int out, LayerOptions opt) {
        Shape k = new Shape(3, 3);
        return new DualMap(
                direction(m, name, Side.FORWARD, new Shape(out, in).addAll(k), false, false, conv(ONE), null,
                        opt.fwBn(), opt.fwBn() == 1 ? in : out, true, opt.actF()),
                direction(m, name, Side.BACKWARD, new Shape(in, out).addAll(k), false, false, conv(ONE), null,
                        opt.bwBn(), opt.bwBn() == 1 ? out : in, true, opt.actB()));
    }

    /**
     * The legacy autoencoder's encoder layer ({@code C2Conv} of models_cnn_ae_legacy.py): forward 3x3
     * convolution with stride 2, BatchNorm2d of its output, activation; feedback x2 upsampling, 3x3
     * convolution, BatchNorm2d, activation. Both maps have a bias; only the forward one starts at zero.
     */
    public static DualLayer legacyEncoder(NDManager m, String name, int in, int out, LayerOptions opt) {
        Shape k = new Shape(3, 3);
        return new DualMap(
                direction(m, name, Side.FORWARD, new Shape(out, in).addAll(k), true, true, conv(TWO), null,
                        2, out, true, opt.actF()),
                direction(m, name, Side.BACKWARD, new Shape(in, out).addAll(k), true, false, conv(ONE),
                        DualLayers::upsample, 2, in, true, opt.actB()));
    }

    /**
     * The legacy autoencoder's decoder layer ({@code C2ConvTrans}): forward x2 upsampling, 3x3 convolution,
     * BatchNorm2d, activation; feedback 3x3 convolution with stride 2, BatchNorm2d (named
     * {@code backward_bn1} in the reference), activation. Biases as in {@link #legacyEncoder}.
     */
    public static DualLayer legacyDecoder(NDManager m, String name, int in, int out, LayerOptions opt) {
        Shape k = new Shape(3, 3);
        return new DualMap(
                direction(m, name, Side.FORWARD, new Shape(out, in).addAll(k), true, true, conv(ONE),
                        DualLayers::upsample, 2, out, true, opt.actF()),
                direction(m, name, Side.BACKWARD, new Shape(in, out).addAll(k), true, false, conv(TWO), null,
                        2, name + ".backward_bn1", in, true, opt.actB()));
    }

    /** {@code C2Pool}: 2x2 max-pooling forward, x2 nearest-neighbour upsampling back. */
    public static DualLayer pool() {
        return new ShapeLayer(x -> Pool.maxPool2d(x, TWO, TWO, new Shape(0, 0), false), DualLayers::upsample);
    }

    /** {@code C2View}: flattens C×H×W to a vector forward and restores it back. */
    public static DualLayer view(Shape image) {
        return new ShapeLayer(x -> x.reshape(x.getShape().get(0), image.size()),
                x -> x.reshape(new Shape(x.getShape().get(0)).addAll(image)));
    }

    private static Direction.Map2 conv(Shape stride) {
        return (x, w, b) -> Conv2d.conv2d(x, w, b, stride, ONE, ONE, 1).singletonOrThrow();
    }

    /** {@code nn.Upsample(scale_factor=2, mode='nearest')}. */
    static NDArray upsample(NDArray x) {
        return x.repeat(2, 2).repeat(3, 2);
    }

    /**
     * One direction's tensors, with PyTorch's default initialization: weight and bias uniform in
     * ±1/sqrt(fan_in) (kaiming_uniform with a=√5), where fan_in is the weight's size over its first axis.
     */
    private static Direction direction(NDManager m, String name, Side side, Shape shape, boolean withBias,
                                       boolean zeroBias, Direction.Map2 map, UnaryOperator<NDArray> before,
                                       int bnMode, int bnChannels, boolean bnAffine, ActivationFn act) {
        return direction(m, name, side, shape, withBias, zeroBias, map, before, bnMode,
                name + (side == Side.FORWARD ? ".forward_bn" : ".backward_bn"), bnChannels, bnAffine, act);
    }

    private static Direction direction(NDManager m, String name, Side side, Shape shape, boolean withBias,
                                       boolean zeroBias, Direction.Map2 map, UnaryOperator<NDArray> before,
                                       int bnMode, String bnName, int bnChannels, boolean bnAffine, ActivationFn act) {
        String layer = name + (side == Side.FORWARD ? ".forward_layer" : ".backward_layer");
        float bound = (float) (1 / Math.sqrt(shape.size() / shape.get(0)));
        Param weight = new Param(layer + ".weight", side, m.randomUniform(-bound, bound, shape));
        Param bias = !withBias ? null : new Param(layer + ".bias", side, zeroBias
                ? m.zeros(new Shape(shape.get(0))) : m.randomUniform(-bound, bound, new Shape(shape.get(0))));
        BatchNorm bn = bnMode == 0 ? null : new BatchNorm(m, bnName, bnChannels, bnAffine);
        return new Direction(weight, bias, map, before, bnMode, bn, act);
    }

    /** A layer without weights that only changes shape (pooling, flattening); it ignores detach and act. */
    private record ShapeLayer(UnaryOperator<NDArray> down, UnaryOperator<NDArray> up) implements DualLayer {
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
