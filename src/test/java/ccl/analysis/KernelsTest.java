package ccl.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class KernelsTest {
    @Test
    void aConstantKernelHasNoHighFrequencyEnergyAndACheckerboardAlmostAll() {
        float[] constant = {2, 2, 2, 2, 2, 2, 2, 2, 2};
        float[] checker = {1, -1, 1, -1, 1, -1, 1, -1, 1};
        float[] both = new float[18];
        System.arraycopy(constant, 0, both, 0, 9);
        System.arraycopy(checker, 0, both, 9, 9);
        // checkerboard: (Σw)² = 1 of k²·Σw² = 81; two channels: (18² + 1) / (9 · (36 + 9)) of the energy at DC.
        assertArrayEquals(new double[] {0, 1 - 1 / 81.0}, Kernels.highFrequencyShare(both, 2, 1, 3), 1e-12);
        assertArrayEquals(new double[] {1 - (324 + 1) / (9.0 * 45)}, Kernels.highFrequencyShare(both, 1, 2, 3), 1e-12);
    }
}
