package ccl.data;

/**
 * Separable resampling with a triangle (bilinear) filter, pixel centres aligned as PIL and
 * {@code interpolate(align_corners=False)} do; when shrinking, the filter widens with the scale
 * (antialiasing), as PIL's resize, which torchvision's Resize uses on images.
 */
final class Resample {
    private Resample() {
    }

    static float[] bilinear(float[] src, int channels, int h, int w, int outH, int outW) {
        float[] rows = new float[channels * outH * w];
        for (int c = 0; c < channels; c++) {
            for (int x = 0; x < w; x++) {
                resample1d(src, c * h * w + x, w, h, rows, c * outH * w + x, w, outH);
            }
        }
        float[] out = new float[channels * outH * outW];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                resample1d(rows, (c * outH + y) * w, 1, w, out, (c * outH + y) * outW, 1, outW);
            }
        }
        return out;
    }

    /** Resamples n values at src[from + k·stride] to m values at dst[to + k·dstStride]. */
    private static void resample1d(float[] src, int from, int stride, int n, float[] dst, int to, int dstStride, int m) {
        double scale = n / (double) m;
        double support = Math.max(1.0, scale);
        for (int k = 0; k < m; k++) {
            double centre = (k + 0.5) * scale;
            int lo = Math.max(0, (int) Math.floor(centre - support));
            int hi = Math.min(n - 1, (int) Math.ceil(centre + support));
            double sum = 0;
            double weights = 0;
            for (int i = lo; i <= hi; i++) {
                double wgt = Math.max(0, 1 - Math.abs((i + 0.5 - centre) / support));
                sum += wgt * src[from + i * stride];
                weights += wgt;
            }
            dst[to + k * dstStride] = (float) (sum / weights);
        }
    }
}
