package ccl.parity;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ccl.learn.Noise;
import java.nio.file.Path;
import java.util.Map;

/**
 * The noise a recorded run drew ({@code noise.npz}: {@code noise.0}, {@code noise.1}, ... in draw order),
 * handed out in that order; a draw of another shape, or one more than were recorded, is an error naming the
 * file, since the replay has then left the recorded path.
 */
final class RecordedNoise implements Noise {
    private final Map<String, NDArray> draws;
    private final Path file;
    private int next;

    RecordedNoise(Map<String, NDArray> draws, Path file) {
        this.draws = draws;
        this.file = file;
    }

    @Override
    public NDArray draw(NDManager manager, Shape shape, float std) {
        NDArray recorded = draws.get("noise." + next);
        if (recorded == null) {
            throw new IllegalStateException(file + " holds " + next + " draws; the replay asks for draw " + next
                    + " (shape " + shape + ")");
        }
        if (!recorded.getShape().equals(shape)) {
            throw new IllegalStateException(file + ": draw " + next + " has shape " + recorded.getShape()
                    + ", the replay asks for " + shape);
        }
        next++;
        return recorded;
    }
}
