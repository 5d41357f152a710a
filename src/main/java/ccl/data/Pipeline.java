package ccl.data;

import java.util.SplittableRandom;

/**
 * How a stored uint8 image becomes a model input, as torchvision's transforms in the reference loaders:
 * pixels scaled to [0, 1] (ToTensor), then an optional resize, a random crop of {@code cropSize} after
 * padding by {@code cropPad} (zeros, or the edge pixels with {@code edgePad}), a random horizontal flip,
 * and normalization by {@code mean}/{@code std} when they are given.
 */
public record Pipeline(int resize, int cropSize, int cropPad, boolean edgePad, boolean flip, float[] mean, float[] std) {

    /** Scaling and normalization only: the MLP loaders, and every evaluation pass without resize. */
    public static Pipeline normalizeOnly(float[] mean, float[] std) {
        return new Pipeline(0, 0, 0, false, false, mean, std);
    }

    /** The same pipeline without its random steps, for validation and test batches. */
    public Pipeline deterministic() {
        return new Pipeline(resize, 0, 0, false, false, mean, std);
    }

    /** Whether the pipeline draws random numbers (crop or flip). */
    public boolean random() {
        return cropSize > 0 || flip;
    }

    /** The side of the output image for a stored image of side {@code stored}. */
    public int outputSize(int stored) {
        return cropSize > 0 ? cropSize : resize > 0 ? resize : stored;
    }

    /**
     * Writes sample {@code index} of {@code set} into {@code out} at {@code at}, channel-major, drawing the
     * crop offset and the flip from {@code rng}.
     */
    void apply(ImageSet set, int index, float[] out, int at, SplittableRandom rng) {
        int c = set.channels();
        int h = set.height();
        int w = set.width();
        float[] img = new float[c * h * w];
        int base = index * img.length;
        for (int i = 0; i < img.length; i++) {
            img[i] = (set.pixels()[base + i] & 0xff) / 255f;
        }
        if (resize > 0 && (resize != h || resize != w)) {
            img = Resample.bilinear(img, c, h, w, resize, resize);
            h = resize;
            w = resize;
        }
        int size = outputSize(h);
        int top = 0;
        int left = 0;
        if (cropSize > 0) {
            top = rng.nextInt(h + 2 * cropPad - cropSize + 1) - cropPad;
            left = rng.nextInt(w + 2 * cropPad - cropSize + 1) - cropPad;
        }
        boolean mirror = flip && rng.nextDouble() < 0.5;
        for (int ch = 0; ch < c; ch++) {
            float m = mean == null ? 0f : mean[ch];
            float s = std == null ? 1f : std[ch];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int sy = y + top;
                    int sx = (mirror ? size - 1 - x : x) + left;
                    float v;
                    if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                        v = img[(ch * h + sy) * w + sx];
                    } else if (edgePad) {
                        v = img[(ch * h + Math.min(h - 1, Math.max(0, sy))) * w + Math.min(w - 1, Math.max(0, sx))];
                    } else {
                        v = 0f;
                    }
                    out[at + (ch * size + y) * size + x] = mean == null ? v : (v - m) / s;
                }
            }
        }
    }
}
