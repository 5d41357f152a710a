package ccl.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ccl.config.Config;
import java.util.ArrayList;
import java.util.List;

/** The reference's models: its MLPs and CNNs. */
public final class Models {
    private Models() {
    }

    private static final int[] CNN_CHANNELS = {128, 128, 256, 256, 512};

    /** The model the config's {@code architecture} names, for images of {@code channels}×{@code size}×{@code size}. */
    public static DualModel build(NDManager parent, Config config, int channels, int size, int numClasses) {
        String arch = config.getString("architecture");
        LayerOptions options = LayerOptions.from(config);
        return switch (arch) {
            case "simple_linear" -> mlp(parent, mlpWidths(config.getString("dataset"), channels * size * size, numClasses),
                    options);
            case "cnn", "cnn_pool" -> {
                boolean pooled = arch.equals("cnn_pool");
                int side = size;
                for (int i = 0; i < CNN_CHANNELS.length; i++) {
                    side = pooled ? side / 2 : (side + 1) / 2; // 2x2 pooling floors, stride-2 padded conv rounds up
                }
                if (side != 1) {
                    throw new IllegalArgumentException("architecture '" + arch + "' needs images that five halvings take "
                            + "to 1x1 (e.g. 32x32); the inputs are " + size + "x" + size);
                }
                yield cnn(parent, channels, numClasses, pooled, options);
            }
            default -> throw new IllegalArgumentException("architecture '" + arch + "' is not implemented yet; available: "
                    + "simple_linear, cnn, cnn_pool");
        };
    }

    public static boolean isImplemented(String architecture) {
        return List.of("simple_linear", "cnn", "cnn_pool").contains(architecture);
    }

    /** The reference's MLPs ({@code architecture: simple_linear}); see {@link #mlpWidths}. */
    public static DualModel mlp(NDManager parent, int[] widths, LayerOptions options) {
        NDManager manager = parent.newSubManager();
        List<List<DualLayer>> stages = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            String name = i + 2 == widths.length ? "output" : "enc" + (i + 1);
            stages.add(List.of(DualLayers.linear(manager, name, widths[i], widths[i + 1], options)));
        }
        return new DualModel(manager, stages, widths[widths.length - 1], true);
    }

    /**
     * The reference's CNNs (for 32x32 images), channels C_in-128-128-256-256-512 then a dual linear map
     * 512→C: {@code cnn} (CNNModel) with five stride-2 dual convolutions, {@code cnn_pool}
     * (CNNModel_Pool) with five stride-1 dual convolutions each followed by 2x2 pooling. The pooled and
     * flattened outputs stand for their stage, as in the reference's activation lists.
     */
    public static DualModel cnn(NDManager parent, int channels, int numClasses, boolean pooled, LayerOptions options) {
        NDManager manager = parent.newSubManager();
        List<List<DualLayer>> stages = new ArrayList<>();
        int in = channels;
        for (int i = 0; i < CNN_CHANNELS.length; i++) {
            String name = "enc" + (i + 1);
            List<DualLayer> stage = new ArrayList<>();
            stage.add(pooled ? DualLayers.convStride1(manager, name, in, CNN_CHANNELS[i], options)
                    : DualLayers.conv(manager, name, in, CNN_CHANNELS[i], options));
            if (pooled) {
                stage.add(DualLayers.pool());
            }
            if (i == CNN_CHANNELS.length - 1) {
                stage.add(DualLayers.view(new Shape(CNN_CHANNELS[i], 1, 1)));
            }
            stages.add(stage);
            in = CNN_CHANNELS[i];
        }
        stages.add(List.of(DualLayers.linear(manager, "output", in, numClasses, options)));
        return new DualModel(manager, stages, numClasses, false);
    }

    /**
     * The reference's MLP widths ({@code architecture: simple_linear}): MNIST/FashionMNIST
     * 784-256-256-256-256-256-C (LinearModel_MNIST), CIFAR-10/100 3072-1024-1024-1024-C
     * (LinearModel_CIFAR10/100). Hidden layers are {@code enc1..encK}, the last is {@code output}.
     */
    public static int[] mlpWidths(String dataset, int inputSize, int numClasses) {
        return switch (dataset) {
            case "MNIST", "FashionMNIST" -> new int[] {inputSize, 256, 256, 256, 256, 256, numClasses};
            case "CIFAR10", "CIFAR100" -> new int[] {inputSize, 1024, 1024, 1024, numClasses};
            default -> throw new IllegalArgumentException("no MLP of the reference for dataset '" + dataset
                    + "'; valid: MNIST, FashionMNIST, CIFAR10, CIFAR100");
        };
    }
}
