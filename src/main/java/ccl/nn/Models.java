package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
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
        DualModel model = switch (arch) {
            case "simple_linear" -> mlp(parent, widths(config, channels * size * size, numClasses), options,
                    config.has("output_bn") && config.getInt("output_bn") == 1);
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
            // main_class_convae.py builds the legacy autoencoder whichever of the two names the config gives.
            case "cnn_stride_autoencoder", "cnn_pool_autoencoder" -> autoencoder(parent, channels, options);
            default -> throw new IllegalArgumentException("architecture '" + arch + "' is not implemented yet; available: "
                    + String.join(", ", IMPLEMENTED));
        };
        initialize(model, config);
        return model;
    }

    /**
     * The FW-DTP code's initialization where the config asks for it: orthogonal forward weights
     * ({@code init_F: orthogonal}), backward weights U(−r, r) ({@code init_B_range: r}).
     */
    private static void initialize(DualModel model, Config config) {
        boolean orthogonal = config.has("init_F") && config.getString("init_F").equals("orthogonal");
        double range = config.has("init_B_range") ? config.getDouble("init_B_range") : 0;
        try (NDScope ignored = new NDScope()) {
            for (Param p : model.params()) {
                if (!p.name().endsWith(".weight")) {
                    continue;
                }
                if (orthogonal && p.side() == Side.FORWARD) {
                    Orthogonal.init(p.value());
                } else if (range > 0 && p.side() == Side.BACKWARD) {
                    p.value().set(new NDIndex("..."),
                            model.manager().randomUniform((float) -range, (float) range, p.value().getShape()));
                }
            }
        }
    }

    /** The reference's MLP widths for the dataset, or {@code hidden_layers} × {@code hidden_width} where given. */
    private static int[] widths(Config config, int inputSize, int numClasses) {
        int[] reference = mlpWidths(config.getString("dataset"), inputSize, numClasses);
        int layers = config.has("hidden_layers") ? config.getInt("hidden_layers") : reference.length - 2;
        int width = config.has("hidden_width") ? config.getInt("hidden_width") : reference[1];
        int[] widths = new int[layers + 2];
        java.util.Arrays.fill(widths, width);
        widths[0] = inputSize;
        widths[layers + 1] = numClasses;
        return widths;
    }

    private static final List<String> IMPLEMENTED = List.of("simple_linear", "cnn", "cnn_pool",
            "cnn_stride_autoencoder", "cnn_pool_autoencoder");

    public static boolean isImplemented(String architecture) {
        return IMPLEMENTED.contains(architecture);
    }

    /** Whether the architecture reconstructs images (the feedback network takes the target image). */
    public static boolean isAutoencoder(String architecture) {
        return architecture.endsWith("_autoencoder");
    }

    /** The reference's MLPs ({@code architecture: simple_linear}); see {@link #mlpWidths}. */
    public static DualModel mlp(NDManager parent, int[] widths, LayerOptions options) {
        return mlp(parent, widths, options, false);
    }

    /** {@code standardizeOutput}: the FW-DTP code's batch norm of the output ({@link DualLayers#standardizeOutput}). */
    public static DualModel mlp(NDManager parent, int[] widths, LayerOptions options, boolean standardizeOutput) {
        NDManager manager = parent.newSubManager();
        List<List<DualLayer>> stages = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            String name = i + 2 == widths.length ? "output" : "enc" + (i + 1);
            DualLayer layer = DualLayers.linear(manager, name, widths[i], widths[i + 1], options);
            stages.add(standardizeOutput && i + 2 == widths.length ? List.of(layer, DualLayers.standardizeOutput())
                    : List.of(layer));
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

    private static final int[] AE_CHANNELS = {128, 256, 1024, 2048};

    /**
     * The paper's convolutional autoencoder (C2Model_ConvAutoEncoder_Legacy): encoders {@code enc1..enc4}
     * with widths 128-256-1024-2048 ({@link DualLayers#legacyEncoder}), mirrored decoders {@code dec4..dec1}
     * ({@link DualLayers#legacyDecoder}). Every conv weight starts orthogonal (over its larger of the first
     * two axes, as the reference permutes), then the decoders' forward and the encoders' feedback weights
     * are scaled by 0.001, and {@code dec1.forward_layer} and {@code enc1.backward_layer} by 0.
     */
    public static DualModel autoencoder(NDManager parent, int channels, LayerOptions options) {
        NDManager manager = parent.newSubManager();
        List<List<DualLayer>> stages = new ArrayList<>();
        int in = channels;
        for (int i = 0; i < AE_CHANNELS.length; i++) {
            stages.add(List.of(DualLayers.legacyEncoder(manager, "enc" + (i + 1), in, AE_CHANNELS[i], options)));
            in = AE_CHANNELS[i];
        }
        for (int i = AE_CHANNELS.length - 1; i >= 0; i--) {
            int out = i == 0 ? channels : AE_CHANNELS[i - 1];
            stages.add(List.of(DualLayers.legacyDecoder(manager, "dec" + (i + 1), AE_CHANNELS[i], out, options)));
        }
        DualModel model = new DualModel(manager, stages, 0, false);
        try (NDScope ignored = new NDScope()) {
            for (Param p : model.params()) {
                if (!p.name().endsWith(".weight")) {
                    continue;
                }
                NDArray w = p.value();
                if (w.getShape().get(0) >= w.getShape().get(1)) {
                    Orthogonal.init(w);
                } else {
                    NDArray swapped = manager.zeros(new Shape(w.getShape().get(1), w.getShape().get(0), 3, 3));
                    Orthogonal.init(swapped);
                    w.set(new NDIndex("..."), swapped.transpose(1, 0, 2, 3));
                }
                boolean decoderForward = p.name().startsWith("dec") && p.side() == Side.FORWARD;
                boolean encoderFeedback = p.name().startsWith("enc") && p.side() == Side.BACKWARD;
                if (decoderForward || encoderFeedback) {
                    boolean zero = p.name().startsWith("dec1.") || p.name().startsWith("enc1.");
                    w.muli(zero ? 0f : 0.001f);
                }
            }
        }
        return model;
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
