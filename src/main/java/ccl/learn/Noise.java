package ccl.learn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Gaussian noise for a rule's losses: the engine's generator, or draws replayed from a recording. */
@FunctionalInterface
public interface Noise {
    /** N(0, std²) of {@code shape}, owned by {@code manager}. */
    NDArray draw(NDManager manager, Shape shape, float std);

    /** The engine's generator, which the training loop seeds per step, so a resumed run draws the same. */
    Noise ENGINE = (manager, shape, std) -> manager.randomNormal(0, std, shape, DataType.FLOAT32);
}
