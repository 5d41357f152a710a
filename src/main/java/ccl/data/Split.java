package ccl.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Index bookkeeping: the seeded train/validation split and per-epoch shuffles. */
public final class Split {
    private Split() {
    }

    /** A seeded permutation of {@code 0..n-1} (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Splits {@code 0..n-1} by a seeded permutation into train and validation indices, the validation
     * part holding {@code n − floor(n·(1−valFraction))} samples (54,000/6,000 for MNIST's 60,000 at 0.1,
     * the sizes of the reference's {@code random_split(ds, [0.9, 0.1])}).
     */
    public static int[][] trainVal(int n, double valFraction, long seed) {
        if (valFraction < 0 || valFraction >= 1) {
            throw new IllegalArgumentException("--val-fraction must be in [0, 1), got " + valFraction);
        }
        int[] p = permutation(n, new SplittableRandom(seed));
        int trainCount = (int) Math.floor(n * (1 - valFraction));
        return new int[][] {Arrays.copyOfRange(p, 0, trainCount), Arrays.copyOfRange(p, trainCount, n)};
    }

    /** {@code indices} reordered by a fresh permutation drawn from {@code rng}. */
    public static int[] shuffled(int[] indices, SplittableRandom rng) {
        int[] p = permutation(indices.length, rng);
        int[] out = new int[indices.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = indices[p[i]];
        }
        return out;
    }
}
