package ccl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Turns stored uint8 images into float batches through a {@link Pipeline}, on the loader thread. Without
 * geometric steps each channel uses a 256-entry table of {@code (v/255 − mean)/std} in float32, the same
 * arithmetic as torchvision's ToTensor followed by Normalize.
 */
public final class Batches {
    private final ImageSet set;
    private final Pipeline pipeline;
    private final TaskTransform task;
    private final float[][] table;
    private final int size;

    /** Classification batches: images and class labels. */
    public Batches(ImageSet set, Pipeline pipeline) {
        this(set, pipeline, null);
    }

    /** With a task transform, batches carry the autoencoder's (input, target) image pairs instead of labels. */
    public Batches(ImageSet set, Pipeline pipeline, TaskTransform task) {
        if (pipeline.mean() != null && (pipeline.mean().length != set.channels() || pipeline.std().length != set.channels())) {
            throw new IllegalArgumentException("normalization has " + pipeline.mean().length + " channel(s), the images "
                    + set.channels());
        }
        this.set = set;
        this.pipeline = pipeline;
        this.task = task;
        this.size = pipeline.outputSize(set.height());
        boolean tableOnly = !pipeline.random() && size == set.height() && pipeline.mean() != null;
        this.table = tableOnly ? tables(set.channels(), pipeline.mean(), pipeline.std()) : null;
    }

    private static float[][] tables(int channels, float[] mean, float[] std) {
        float[][] t = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                t[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
        return t;
    }

    public ImageSet set() { return set; }

    public Pipeline pipeline() { return pipeline; }

    /** Samples {@code order[from..to)} and their labels; {@code rng} draws the random steps, if any. */
    public Batch assemble(int[] order, int from, int to, SplittableRandom rng) {
        int c = set.channels();
        int d = c * size * size;
        int n = to - from;
        float[] x = new float[n * d];
        long[] y = new long[n];
        float[] target = task == null ? null : new float[n * d];
        float[] image = task == null ? null : new float[d];
        for (int i = 0; i < n; i++) {
            int sample = order[from + i];
            if (table != null) {
                int src = sample * d;
                int plane = size * size;
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = table[j / plane][set.pixels()[src + j] & 0xff];
                }
            } else {
                pipeline.apply(set, sample, x, i * d, rng);
            }
            y[i] = set.labels()[sample];
            if (task != null) {
                System.arraycopy(x, i * d, image, 0, d);
                float[] input = new float[d];
                float[] goal = new float[d];
                task.apply(image, c, size, size, input, goal, rng);
                System.arraycopy(input, 0, x, i * d, d);
                System.arraycopy(goal, 0, target, i * d, d);
            }
        }
        return new Batch(x, y, target, n, c, size, size);
    }

    /**
     * A batch in Java memory: {@code x} holds n samples of C×H×W, {@code y} the class indices, and for the
     * autoencoder {@code target} the feedback network's target images (else null).
     */
    public record Batch(float[] x, long[] y, float[] target, int n, int channels, int height, int width) {
        /** The images as N×C×H×W, or flattened to N×(C·H·W) for models that take vectors. */
        public NDArray images(NDManager manager, boolean flat) {
            Shape shape = flat ? new Shape(n, (long) channels * height * width) : new Shape(n, channels, height, width);
            return manager.create(x, shape);
        }

        public NDArray labels(NDManager manager) {
            return manager.create(y);
        }

        /** What the learning rule compares against: the target images when there are any, else the labels. */
        public NDArray targets(NDManager manager) {
            return target == null ? labels(manager) : manager.create(target, new Shape(n, channels, height, width));
        }
    }
}
