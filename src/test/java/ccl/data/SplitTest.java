package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void splitHasTheReferenceSizesAndIsASeededPartition() {
        int[][] s = Split.trainVal(60000, 0.1, 2023);
        assertEquals(54000, s[0].length);
        assertEquals(6000, s[1].length);
        int[] all = IntStream.concat(Arrays.stream(s[0]), Arrays.stream(s[1])).sorted().toArray();
        assertArrayEquals(IntStream.range(0, 60000).toArray(), all);
        assertArrayEquals(s[1], Split.trainVal(60000, 0.1, 2023)[1]);
        assertEquals(45000, Split.trainVal(50000, 0.1, 1)[0].length);
    }

    @Test
    void badFractionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Split.trainVal(10, 1.0, 1));
    }
}
