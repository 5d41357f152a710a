package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaskTransformTest {
    /** A 1×2×3 image [[1, 2, 3], [4, 5, 6]] / 10. */
    static final float[] X = {.1f, .2f, .3f, .4f, .5f, .6f};

    static float[][] run(TaskTransform t, float[] x, int c, int h, int w, long seed) {
        float[] in = new float[x.length];
        float[] target = new float[x.length];
        t.apply(x, c, h, w, in, target, new SplittableRandom(seed));
        return new float[][] {in, target};
    }

    @Test
    void targetsMatchTorchsRollRot90AndInversion() {
        assertArrayEquals(X, run(TaskTransform.SAME, X, 1, 2, 3, 0)[1]);
        // torch.rot90(x, dims=[2, 3]) of [[1,2,3],[4,5,6]] is [[3,6],[2,5],[1,4]].
        assertArrayEquals(new float[] {.3f, .6f, .2f, .5f, .1f, .4f}, run(TaskTransform.ROT90, X, 1, 2, 3, 0)[1]);
        // rot180 of a square 2x2 [[1,2],[3,4]] is [[4,3],[2,1]].
        assertArrayEquals(new float[] {.4f, .3f, .2f, .1f}, run(TaskTransform.ROT180, new float[] {.1f, .2f, .3f, .4f}, 1, 2, 2, 0)[1]);
        // torch.roll(x, 5, dims=[3]) on a width of 3 shifts by 2: [[2,3,1],[5,6,4]].
        assertArrayEquals(new float[] {.2f, .3f, .1f, .5f, .6f, .4f}, run(TaskTransform.SHIFTH5, X, 1, 2, 3, 0)[1]);
        // torch.roll(x, 5, dims=[2]) on a height of 2 swaps the rows.
        assertArrayEquals(new float[] {.4f, .5f, .6f, .1f, .2f, .3f}, run(TaskTransform.SHIFTV5, X, 1, 2, 3, 0)[1]);
        float[][] bright = run(TaskTransform.BRIGHT, X, 1, 2, 3, 0);
        assertArrayEquals(X, bright[0]);
        assertArrayEquals(new float[] {.9f, .8f, .7f, .6f, .5f, .4f}, bright[1], 1e-6f);
    }

    @Test
    void inputCorruptionsLeaveTheTargetWhole() {
        float[] rgb = new float[3 * 4];
        java.util.Arrays.fill(rgb, 1f);
        int dropped = 0;
        for (long seed = 0; seed < 200; seed++) {
            float[][] r = run(TaskTransform.DROP_COLOR, rgb, 3, 2, 2, seed);
            assertArrayEquals(rgb, r[1]);
            float sum = 0;
            for (float v : r[0]) {
                sum += v;
            }
            assertTrue(sum == 12f || sum == 8f, "one channel or none is blanked: " + sum);
            dropped += sum == 8f ? 1 : 0;
        }
        assertTrue(dropped > 90 && dropped < 150, "3 draws in 5 blank a channel: " + dropped);

        float[] big = new float[96 * 96];
        java.util.Arrays.fill(big, 1f);
        int holes = 0;
        for (long seed = 0; seed < 100; seed++) {
            float[][] r = run(TaskTransform.RAND_CROP, big, 1, 96, 96, seed);
            float sum = 0;
            for (float v : r[0]) {
                sum += v;
            }
            if (sum < big.length) {
                holes++;
                assertEquals(big.length - 32 * 32, sum, 0f);
            }
        }
        assertTrue(holes > 30 && holes < 70, "half the inputs lose a 32x32 square: " + holes);
    }

    @Test
    void unknownNamesListTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> TaskTransform.fromName("rot45"));
        assertTrue(e.getMessage().contains("rot45") && e.getMessage().contains("shifth10"), e.getMessage());
    }
}
