package ccl.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Linear CKA on its defining properties and on a case worked by hand. */
class CkaTest {
    @Test
    void propertiesOfLinearCka() {
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            NDArray x = m.randomNormal(new Shape(50, 8)).toType(DataType.FLOAT64, false);
            // An orthogonal Q from the QR-free route: a product of a rotation in every coordinate pair.
            NDArray q = m.eye(8).toType(DataType.FLOAT64, false);
            for (int i = 0; i + 1 < 8; i++) {
                double t = 0.3 + i;
                NDArray r = m.eye(8).toType(DataType.FLOAT64, false);
                r.set(new ai.djl.ndarray.index.NDIndex(i, i), Math.cos(t));
                r.set(new ai.djl.ndarray.index.NDIndex(i, i + 1), -Math.sin(t));
                r.set(new ai.djl.ndarray.index.NDIndex(i + 1, i), Math.sin(t));
                r.set(new ai.djl.ndarray.index.NDIndex(i + 1, i + 1), Math.cos(t));
                q = q.matMul(r);
            }
            assertEquals(1.0, Cka.linear(x, x.matMul(q)), 1e-12, "invariant to an orthogonal map");
            assertEquals(1.0, Cka.linear(x, x.mul(3.5)), 1e-12, "invariant to isotropic scaling");

            NDArray y = m.randomNormal(new Shape(50, 300)).toType(DataType.FLOAT64, false);
            NDArray a = Cka.centred(x);
            NDArray b = Cka.centred(y);
            assertEquals(Cka.features(a, b), Cka.gram(a, b), 1e-12, "the Gram form equals the feature form");

            NDArray big1 = m.randomNormal(new Shape(4000, 5));
            NDArray big2 = m.randomNormal(new Shape(4000, 5));
            assertTrue(Cka.linear(big1, big2) < 0.01, "independent features: near 0");
        }
    }

    /**
     * X = [[1], [2], [3]] and Y = [[1], [1], [4]]: centred x = (−1, 0, 1), y = (−1, −1, 2); for one column
     * CKA is the squared correlation, (1 + 0 + 2)² / ((1 + 0 + 1)(1 + 1 + 4)) = 9 / 12 = 0.75.
     */
    @Test
    void aCaseByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1, 2, 3}, new Shape(3, 1));
            NDArray y = m.create(new double[] {1, 1, 4}, new Shape(3, 1));
            assertEquals(0.75, Cka.linear(x, y), 1e-12);
            assertEquals(0.75, Cka.gram(Cka.centred(x), Cka.centred(y)), 1e-12);
        }
    }
}
