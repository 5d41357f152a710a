package ccl.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The datasets a config can name, with their shape and the per-channel normalization the MLP loaders use. */
public enum DatasetId {
    MNIST("MNIST", 10, 1, 28, new float[] {0.1307f}, new float[] {0.3081f}),
    FASHION_MNIST("FashionMNIST", 10, 1, 28, new float[] {0.2860f}, new float[] {0.3530f}),
    CIFAR10("CIFAR10", 10, 3, 32,
            new float[] {0.49139968f, 0.48215841f, 0.44653091f},
            new float[] {0.24703223f, 0.24348513f, 0.26158784f}),
    CIFAR100("CIFAR100", 100, 3, 32,
            new float[] {0.50707516f, 0.48654887f, 0.44091784f},
            new float[] {0.26733429f, 0.25643846f, 0.27615047f}),
    STL10("STL10", 10, 3, 96,
            new float[] {0.4467f, 0.4398f, 0.4066f},
            new float[] {0.2603f, 0.2566f, 0.2713f});

    private final String configName;
    private final int numClasses;
    private final int channels;
    private final int imageSize;
    private final float[] mean;
    private final float[] std;

    DatasetId(String configName, int numClasses, int channels, int imageSize, float[] mean, float[] std) {
        this.configName = configName;
        this.numClasses = numClasses;
        this.channels = channels;
        this.imageSize = imageSize;
        this.mean = mean;
        this.std = std;
    }

    /** The value of {@code dataset:} in a config, also the folder name under the data directory. */
    public String configName() {
        return configName;
    }

    public int numClasses() {
        return numClasses;
    }

    public int channels() {
        return channels;
    }

    /** Images are square: imageSize × imageSize. */
    public int imageSize() {
        return imageSize;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** Looks a config name up, ignoring case; an unknown name lists the valid ones. */
    public static DatasetId fromName(String name) {
        for (DatasetId id : values()) {
            if (id.configName.equalsIgnoreCase(name)) {
                return id;
            }
        }
        String valid = Arrays.stream(values()).map(DatasetId::configName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Unknown dataset '" + name + "'; valid names are: " + valid);
    }
}
