package ccl.train;

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
        return new Batch(x, y, n, d);
    }

    /** A normalized batch in Java memory: {@code x} is n×d row-major, {@code y} the class indices. */
    public record Batch(float[] x, long[] y, int n, int d) {
    }
}
