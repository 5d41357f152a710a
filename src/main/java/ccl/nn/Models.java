package ccl.nn;

import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import java.util.ArrayList;
import java.util.List;

/** The reference's models, built from widths. */
public final class Models {
    private Models() {
    }

    /**
     * The reference's MLPs ({@code architecture: simple_linear}): MNIST/FashionMNIST
     * 784-256-256-256-256-256-C (LinearModel_MNIST), CIFAR-10/100 3072-1024-1024-1024-C
     * (LinearModel_CIFAR10/100). Hidden layers are {@code enc1..encK}, the last is {@code output}.
     */
    /** The model the config's {@code architecture} names, for inputs of {@code inputSize} values. */
    public static DualModel build(NDManager parent, Config config, int inputSize, int numClasses) {
        String arch = config.getString("architecture");
        if (!isImplemented(arch)) {
            throw new IllegalArgumentException("architecture '" + arch + "' is not implemented yet; available: simple_linear");
        }
        return mlp(parent, mlpWidths(config.getString("dataset"), inputSize, numClasses), LayerOptions.from(config));
    }

    public static boolean isImplemented(String architecture) {
        return architecture.equals("simple_linear");
    }

    public static int[] mlpWidths(String dataset, int inputSize, int numClasses) {
        return switch (dataset) {
            case "MNIST", "FashionMNIST" -> new int[] {inputSize, 256, 256, 256, 256, 256, numClasses};
            case "CIFAR10", "CIFAR100" -> new int[] {inputSize, 1024, 1024, 1024, numClasses};
            default -> throw new IllegalArgumentException("no MLP of the reference for dataset '" + dataset
                    + "'; valid: MNIST, FashionMNIST, CIFAR10, CIFAR100");
        };
    }

    public static DualModel mlp(NDManager parent, int[] widths, LayerOptions options) {
        NDManager manager = parent.newSubManager();
        List<DualLayer> layers = new ArrayList<>();
        for (int i = 0; i + 1 < widths.length; i++) {
            String name = i + 2 == widths.length ? "output" : "enc" + (i + 1);
            layers.add(new DualLinear(manager, name, widths[i], widths[i + 1], options));
        }
        return new DualModel(manager, layers, widths[widths.length - 1]);
    }
}
