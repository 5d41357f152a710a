package ccl.analysis;

/**
 * A number for what the paper's Fig 4 shows (BP's first-layer kernels high-frequency, CCL's smoother): the
 * share of a k×k kernel's energy away from zero frequency. By Parseval the 2-D DFT of one channel w has
 * energy k²·Σw², of which |F(0,0)|² = (Σw)² at zero frequency, so the share is
 * {@code 1 − Σ_c (Σ w_c)² / (k² Σ w²)} over the kernel's input channels c: 0 for a constant kernel, near 1
 * for a checkerboard. For 3×3 kernels every non-zero frequency is the highest one the kernel can hold.
 */
public final class Kernels {
    private Kernels() {
    }

    /** One share per kernel of a convolution weight laid out out × in × k × k (PyTorch's). */
    public static double[] highFrequencyShare(float[] weight, int out, int in, int k) {
        double[] share = new double[out];
        int size = k * k;
        for (int o = 0; o < out; o++) {
            double dc = 0;
            double energy = 0;
            for (int c = 0; c < in; c++) {
                double sum = 0;
                for (int i = 0; i < size; i++) {
                    float w = weight[(o * in + c) * size + i];
                    sum += w;
                    energy += (double) w * w;
                }
                dc += sum * sum;
            }
            share[o] = energy == 0 ? 0 : 1 - dc / (size * energy);
        }
        return share;
    }

    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return values.length == 0 ? Double.NaN : s / values.length;
    }
}
