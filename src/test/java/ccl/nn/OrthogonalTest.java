package ccl.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Orthogonal initialization gives orthonormal rows or columns, whichever are fewer, for every shape: square
 * ones included, whose Gaussian draw is ill-conditioned (the matrix-product iteration used to turn some
 * 256×256 draws into NaN), wide and tall ones, and flattened convolution weights.
 */
class OrthogonalTest {
    @ParameterizedTest(name = "{0}x{1}x{2}")
    @CsvSource({"8, 8, 1", "64, 64, 1", "256, 256, 1", "300, 256, 1", "10, 256, 1", "256, 784, 1", "128, 3, 9",
            "256, 128, 9"})
    void everyDrawIsOrthonormal(int rows, int cols, int taps) {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(3);
            for (int draw = 0; draw < 20; draw++) {
                NDArray w = m.zeros(taps == 1 ? new Shape(rows, cols) : new Shape(rows, cols, 3, 3));
                Orthogonal.init(w);
                NDArray flat = w.reshape(rows, -1);
                boolean wide = flat.getShape().get(0) <= flat.getShape().get(1);
                NDArray gram = wide ? flat.matMul(flat.transpose()) : flat.transpose().matMul(flat);
                float dev = gram.sub(m.eye((int) gram.getShape().get(0))).abs().max().getFloat();
                assertTrue(dev < 1e-4f, rows + "x" + cols + " draw " + draw + ": |gram − I| = " + dev);
            }
        }
    }
}
