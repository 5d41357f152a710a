package ccl.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageSetTest {

    @Test
    void sizesFollowTheShape() {
        ImageSet set = new ImageSet(new byte[2 * 3 * 4 * 5], new int[] {0, 1}, 3, 4, 5, 2);
        assertEquals(2, set.size());
        assertEquals(60, set.sampleSize());
    }

    @Test
    void rejectsWrongPixelCountAndLabelRange() {
        assertThrows(IllegalArgumentException.class, () -> new ImageSet(new byte[5], new int[] {0}, 1, 2, 2, 2));
        var e = assertThrows(IllegalArgumentException.class, () -> new ImageSet(new byte[4], new int[] {2}, 1, 2, 2, 2));
        assertEquals("label 2 at index 0 is outside 0..1", e.getMessage());
    }
}
