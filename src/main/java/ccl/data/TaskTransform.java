package ccl.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The autoencoder's task transforms (the reference's dataset/transforms.py): from an image x, the pair
 * (input of the forward network, target of the feedback network). Images are C×H×W in [0, 1].
 */
public enum TaskTransform {
    SAME("same"),
    DROP_COLOR("DropColor"),
    RAND_CROP("RandCrop"),
    ROT90("rot90"),
    ROT180("rot180"),
    SHIFTV5("shiftv5"),
    SHIFTV10("shiftv10"),
    SHIFTH5("shifth5"),
    SHIFTH10("shifth10"),
    BRIGHT("bright");

    private final String configName;

    TaskTransform(String configName) {
        this.configName = configName;
    }

    public static TaskTransform fromName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown task_transform '" + name + "'; valid: "
                        + Arrays.stream(values()).map(t -> t.configName).toList()));
    }

    /** Writes the input into {@code input} and the target into {@code target} (both C·H·W long). */
    public void apply(float[] x, int c, int h, int w, float[] input, float[] target, SplittableRandom rng) {
        System.arraycopy(x, 0, input, 0, x.length);
        System.arraycopy(x, 0, target, 0, x.length);
        switch (this) {
            case SAME -> { }
            case DROP_COLOR -> {
                // One of five draws blanks a colour channel of the input (channel_id = randint(5)).
                int channel = rng.nextInt(5);
                if (channel < c && channel < 3) {
                    Arrays.fill(input, channel * h * w, (channel + 1) * h * w, 0f);
                }
            }
            case RAND_CROP -> {
                // Half of the inputs lose a 32x32 square at a corner drawn from [0, 64)², clipped to the image.
                if (rng.nextDouble() < 0.5) {
                    int top = rng.nextInt(64);
                    int left = rng.nextInt(64);
                    for (int ch = 0; ch < c; ch++) {
                        for (int y = top; y < Math.min(h, top + 32); y++) {
                            Arrays.fill(input, (ch * h + y) * w + Math.min(w, left), (ch * h + y) * w + Math.min(w, left + 32), 0f);
                        }
                    }
                }
            }
            case ROT90 -> rotate90(x, c, h, w, target);
            case ROT180 -> {
                float[] once = new float[x.length];
                rotate90(x, c, h, w, once);
                rotate90(once, c, w, h, target);
            }
            case SHIFTV5 -> roll(x, c, h, w, 5, 0, target);
            case SHIFTV10 -> roll(x, c, h, w, 10, 0, target);
            case SHIFTH5 -> roll(x, c, h, w, 0, 5, target);
            case SHIFTH10 -> roll(x, c, h, w, 0, 10, target);
            case BRIGHT -> {
                for (int i = 0; i < x.length; i++) {
                    target[i] = 1 - x[i];
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** {@code torch.rot90(x, dims=[2, 3])}: out[i][j] = in[j][W−1−i], an H×W plane becoming W×H. */
    private static void rotate90(float[] x, int c, int h, int w, float[] out) {
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < w; i++) {
                for (int j = 0; j < h; j++) {
                    out[(ch * w + i) * h + j] = x[(ch * h + j) * w + (w - 1 - i)];
                }
            }
        }
    }

    /** {@code torch.roll}: out[i][j] = in[(i − dy) mod H][(j − dx) mod W]. */
    private static void roll(float[] x, int c, int h, int w, int dy, int dx, float[] out) {
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < h; i++) {
                for (int j = 0; j < w; j++) {
                    out[(ch * h + i) * w + j] = x[(ch * h + Math.floorMod(i - dy, h)) * w + Math.floorMod(j - dx, w)];
                }
            }
        }
    }
}
