package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ccl.data.ImageSet;

/**
 * Turns stored uint8 images into normalized float batches, off the training thread. Each channel has a
 * 256-entry table of {@code (v/255 − mean)/std} computed in float32, the same arithmetic as
 * torchvision's ToTensor followed by Normalize.
 */
public final class Batches {
    private final ImageSet set;
    private final float[][] table;

    public Batches(ImageSet set, float[] mean, float[] std) {
        if (mean.length != set.channels() || std.length != set.channels()) {
            throw new IllegalArgumentException("normalization has " + mean.length + " channel(s), the images "
                    + set.channels());
        }
        this.set = set;
        this.table = new float[set.channels()][256];
        for (int c = 0; c < set.channels(); c++) {
            float m = mean[c];
            float s = std[c];
            for (int v = 0; v < 256; v++) {
                table[c][v] = (v / 255f - m) / s;
            }
        }
    }

    public ImageSet set() { return set; }

    /** Samples {@code order[from..to)} flattened C×H×W per row, and their labels. */
    public Batch assemble(int[] order, int from, int to) {
        int d = set.sampleSize();
        int plane = set.height() * set.width();
        int n = to - from;
        float[] x = new float[n * d];
        long[] y = new long[n];
        byte[] px = set.pixels();
        for (int i = 0; i < n; i++) {
            int src = order[from + i] * d;
            int dst = i * d;
            for (int j = 0; j < d; j++) {
                x[dst + j] = table[j / plane][px[src + j] & 0xff];
            }
            y[i] = set.labels()[order[from + i]];
        }
        return new Batch(x, y, n, set.channels(), set.height(), set.width());
    }

    /** A normalized batch in Java memory: {@code x} holds n samples of C×H×W, {@code y} the class indices. */
    public record Batch(float[] x, long[] y, int n, int channels, int height, int width) {
        /** The images as N×C×H×W, or flattened to N×(C·H·W) for models that take vectors. */
        public NDArray images(NDManager manager, boolean flat) {
            Shape shape = flat ? new Shape(n, (long) channels * height * width) : new Shape(n, channels, height, width);
            return manager.create(x, shape);
        }

        public NDArray labels(NDManager manager) {
            return manager.create(y);
        }
    }
}
