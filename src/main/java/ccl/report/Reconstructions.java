package ccl.report;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ccl.data.Batches;
import ccl.io.AtomicFiles;
import ccl.learn.LearningRule;
import ccl.nn.DualModel;
import ccl.train.RunResult;
import ccl.train.TrainingListener;
import ccl.train.TrainingState;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A PNG grid of test images: the ground truth in the top row, the autoencoder's reconstruction below;
 * as a listener, written once the best model is tested.
 */
public final class Reconstructions implements TrainingListener {
    /** Pixels between the images and between the two rows. */
    public static final int GAP = 2;
    private static final int COUNT = 8;

    private final Path file;

    public Reconstructions(Path file) {
        this.file = file;
    }

    @Override
    public void onFitEnd(TrainingState state, RunResult result) {
        if (result.tested()) {
            write(file, state.manager(), state.model(), state.rule(), state.data().test(), COUNT);
        }
    }

    /** The two rows of a grid this class wrote: the ground truth, then the reconstructions. */
    public static List<BufferedImage> rows(BufferedImage grid) {
        int h = (grid.getHeight() - GAP) / 2;
        return List.of(grid.getSubimage(0, 0, grid.getWidth(), h), grid.getSubimage(0, h + GAP, grid.getWidth(), h));
    }

    public static void write(Path file, NDManager manager, DualModel model, LearningRule rule, Batches test, int count) {
        int n = Math.min(count, test.set().size());
        Batches.Batch b = test.assemble(IntStream.range(0, n).toArray(), 0, n, null);
        float[] truth;
        float[] reconstruction;
        model.eval();
        try (NDScope ignored = new NDScope()) {
            NDArray x = b.images(manager, false);
            List<NDArray> acts = model.forward(x, true);
            truth = rule.evaluationTarget(x, b.targets(manager)).toFloatArray();
            reconstruction = acts.get(acts.size() - 1).toFloatArray();
        } finally {
            model.train();
        }
        int c = b.channels();
        int h = b.height();
        int w = b.width();
        BufferedImage grid = new BufferedImage(n * (w + GAP) - GAP, 2 * h + GAP, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < 2; row++) {
            float[] src = row == 0 ? truth : reconstruction;
            for (int i = 0; i < n; i++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int rgb = 0;
                        for (int ch = 0; ch < 3; ch++) {
                            float v = src[((i * c + Math.min(ch, c - 1)) * h + y) * w + x];
                            rgb = (rgb << 8) | Math.round(Math.max(0f, Math.min(1f, v)) * 255);
                        }
                        grid.setRGB(i * (w + GAP) + x, row * (h + GAP) + y, rgb);
                    }
                }
            }
        }
        AtomicFiles.writePng(file, grid);
    }
}
