package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PipelineTest {
    /** One sample of {@code c}×{@code side}×{@code side} with the given pixel values. */
    static ImageSet image(int c, int side, int... pixels) {
        byte[] px = new byte[pixels.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) pixels[i];
        }
        assertEquals(c * side * side, px.length);
        return new ImageSet(px, new int[] {0}, c, side, side, 1);
    }

    static float[] run(Pipeline p, ImageSet set, SplittableRandom rng) {
        Batches.Batch b = new Batches(set, p).assemble(new int[] {0}, 0, 1, rng);
        return b.imageValues();
    }

    @Test
    void normalizationIsToTensorThenNormalize() {
        ImageSet set = image(1, 2, 0, 51, 128, 255);
        float[] x = run(Pipeline.normalizeOnly(new float[] {0.1307f}, new float[] {0.3081f}), set, null);
        assertArrayEquals(new float[] {(0f - 0.1307f) / 0.3081f, (51 / 255f - 0.1307f) / 0.3081f,
                (128 / 255f - 0.1307f) / 0.3081f, (1f - 0.1307f) / 0.3081f}, x, 0f);
    }

    @Test
    void flipMirrorsRowsAndHappensAboutHalfTheTime() {
        ImageSet set = image(1, 2, 0, 255, 0, 255);
        Pipeline flip = new Pipeline(0, 0, 0, false, true, null, null);
        SplittableRandom rng = new SplittableRandom(1);
        int mirrored = 0;
        for (int i = 0; i < 1000; i++) {
            float[] x = run(flip, set, rng);
            if (x[0] == 1f) {
                mirrored++;
                assertArrayEquals(new float[] {1, 0, 1, 0}, x);
            } else {
                assertArrayEquals(new float[] {0, 1, 0, 1}, x);
            }
        }
        assertTrue(mirrored > 430 && mirrored < 570, "mirrored " + mirrored);
    }

    @Test
    void cropFromZeroPaddingShiftsTheImageWithinTheBorder() {
        int[] px = new int[28 * 28];
        java.util.Arrays.fill(px, 255);
        Pipeline crop = new Pipeline(0, 32, 4, false, false, null, null);
        SplittableRandom rng = new SplittableRandom(2);
        Set<Integer> offsets = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            float[] x = run(crop, image(1, 28, px), rng);
            assertEquals(32 * 32, x.length);
            int ones = 0;
            int firstRow = -1;
            for (int j = 0; j < x.length; j++) {
                if (x[j] == 1f) {
                    ones++;
                    firstRow = firstRow < 0 ? j / 32 : firstRow;
                }
            }
            assertEquals(28 * 28, ones); // a 32 crop of the 36x36 padded image always holds the whole digit
            offsets.add(firstRow);
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), offsets);
    }

    @Test
    void edgePaddingRepeatsTheBorderPixels() {
        // 1 channel, 2x2, cropped to 2x2 out of a 4-pixel edge padding: every output pixel is an input pixel.
        Pipeline crop = new Pipeline(0, 2, 4, true, false, null, null);
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            for (float v : run(crop, image(1, 2, 10, 20, 30, 40), rng)) {
                assertTrue(Set.of(10, 20, 30, 40).contains(Math.round(v * 255)), "value " + v);
            }
        }
    }

    @Test
    void resizeIsBilinearWithHalfPixelCentres() {
        // F.interpolate([[0, 1], [2, 3]], size=4, mode='bilinear', align_corners=False):
        float[] expected = {0, .25f, .75f, 1, .5f, .75f, 1.25f, 1.5f, 1.5f, 1.75f, 2.25f, 2.5f, 2, 2.25f, 2.75f, 3};
        float[] x = run(new Pipeline(4, 0, 0, false, false, null, null), image(1, 2, 0, 51, 102, 153), null);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] * 0.2f, x[i], 1e-6f, "pixel " + i);
        }
        // Shrinking averages: a 96x96 checkerboard becomes uniform grey at 32x32.
        int[] board = new int[96 * 96];
        for (int i = 0; i < board.length; i++) {
            board[i] = ((i / 96 + i % 96) % 2) * 255;
        }
        for (float v : run(new Pipeline(32, 0, 0, false, false, null, null), image(1, 96, board), null)) {
            assertEquals(0.5f, v, 0.12f);
        }
    }

    @Test
    void theSameSeedGivesTheSameBatch() {
        int[] px = new int[3 * 32 * 32];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 37) % 256;
        }
        Pipeline cifar = new Pipeline(0, 32, 4, true, true, new float[] {.485f, .456f, .406f}, new float[] {.229f, .224f, .225f});
        assertArrayEquals(run(cifar, image(3, 32, px), new SplittableRandom(9)), run(cifar, image(3, 32, px), new SplittableRandom(9)));
    }
}
