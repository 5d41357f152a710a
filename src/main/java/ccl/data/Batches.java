package ccl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

/**
 * Turns stored uint8 images into float batches through a {@link Pipeline}, on the loader thread, into
 * direct buffers the engine reads in place (see {@link Prefetcher#recycle}). Without
 * geometric steps each channel uses a 256-entry table of {@code (v/255 − mean)/std} in float32, the same
 * arithmetic as torchvision's ToTensor followed by Normalize.
 */
public final class Batches {
    private final ImageSet set;
    private final Pipeline pipeline;
    private final TaskTransform task;
    private final float[][] table;
    private final int size;

    /** Classification batches: images and class labels. */
    public Batches(ImageSet set, Pipeline pipeline) {
        this(set, pipeline, null);
    }

    /** With a task transform, batches carry the autoencoder's (input, target) image pairs instead of labels. */
    public Batches(ImageSet set, Pipeline pipeline, TaskTransform task) {
        if (pipeline.mean() != null && (pipeline.mean().length != set.channels() || pipeline.std().length != set.channels())) {
            throw new IllegalArgumentException("normalization has " + pipeline.mean().length + " channel(s), the images "
                    + set.channels());
        }
        this.set = set;
        this.pipeline = pipeline;
        this.task = task;
        this.size = pipeline.outputSize(set.height());
        boolean tableOnly = !pipeline.random() && size == set.height() && pipeline.mean() != null;
        this.table = tableOnly ? tables(set.channels(), pipeline.mean(), pipeline.std()) : null;
    }

    private static float[][] tables(int channels, float[] mean, float[] std) {
        float[][] t = new float[channels][256];
        for (int c = 0; c < channels; c++) {
            for (int v = 0; v < 256; v++) {
                t[c][v] = (v / 255f - mean[c]) / std[c];
            }
        }
        return t;
    }

    public ImageSet set() { return set; }

    /** Whether assembling a batch draws from the generator (random crops and flips, a random task transform). */
    public boolean draws() {
        return pipeline.random() || task != null;
    }

    /** Samples {@code order[from..to)} and their labels; {@code rng} draws the random steps, if any. */
    public Batch assemble(int[] order, int from, int to, SplittableRandom rng) {
        return assemble(order, from, to, rng, null);
    }

    /**
     * As {@link #assemble(int[], int, int, SplittableRandom)}, writing into the buffers of {@code spare}
     * (a batch whose arrays the engine no longer uses) when they are large enough.
     */
    public Batch assemble(int[] order, int from, int to, SplittableRandom rng, Batch spare) {
        int c = set.channels();
        int d = c * size * size;
        int n = to - from;
        float[] x = new float[n * d];
        long[] y = new long[n];
        float[] target = task == null ? null : new float[n * d];
        float[] image = task == null ? null : new float[d];
        float[] input = task == null ? null : new float[d];
        float[] goal = task == null ? null : new float[d];
        for (int i = 0; i < n; i++) {
            int sample = order[from + i];
            if (table != null) {
                int src = sample * d;
                int plane = size * size;
                for (int j = 0; j < d; j++) {
                    x[i * d + j] = table[j / plane][set.pixels()[src + j] & 0xff];
                }
            } else {
                pipeline.apply(set, sample, x, i * d, rng);
            }
            y[i] = set.labels()[sample];
            if (task != null) {
                System.arraycopy(x, i * d, image, 0, d);
                task.apply(image, c, size, size, input, goal, rng);
                System.arraycopy(input, 0, x, i * d, d);
                System.arraycopy(goal, 0, target, i * d, d);
            }
        }
        return new Batch(direct(x, spare == null ? null : spare.x()), y,
                target == null ? null : direct(target, spare == null ? null : spare.target()), n, c, size, size);
    }

    /**
     * The floats in a direct buffer in native order, reusing {@code reuse} when it is large enough. DJL's
     * PyTorch engine wraps such a buffer without copying; handing the engine a {@code float[]} instead would
     * allocate a direct buffer per batch that only the garbage collector frees, and resident memory would
     * climb with it.
     */
    private static ByteBuffer direct(float[] values, ByteBuffer reuse) {
        int bytes = values.length * Float.BYTES;
        ByteBuffer out = reuse != null && reuse.capacity() >= bytes ? reuse
                : ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        out.clear();
        out.asFloatBuffer().put(values);
        out.limit(bytes);
        return out;
    }

    /**
     * A batch in Java memory: {@code x} holds n samples of C×H×W, {@code y} the class indices, and for the
     * autoencoder {@code target} the feedback network's target images (else null).
     */
    public record Batch(ByteBuffer x, long[] y, ByteBuffer target, int n, int channels, int height, int width) {
        /** The images as N×C×H×W, or flattened to N×(C·H·W) for models that take vectors. */
        public NDArray images(NDManager manager, boolean flat) {
            Shape shape = flat ? new Shape(n, (long) channels * height * width) : new Shape(n, channels, height, width);
            return wrap(manager, x, shape);
        }

        /** The images as a Java array (for reports and tests). */
        public float[] imageValues() {
            float[] v = new float[x.limit() / Float.BYTES];
            x.duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer().get(v);
            return v;
        }

        /** DJL's PyTorch engine takes a direct ByteBuffer in place; any other buffer it copies into a new one. */
        private static NDArray wrap(NDManager manager, ByteBuffer bytes, Shape shape) {
            return manager.create(bytes.duplicate().order(ByteOrder.nativeOrder()), shape, DataType.FLOAT32);
        }

        public NDArray labels(NDManager manager) {
            return manager.create(y);
        }

        /** What the learning rule compares against: the target images when there are any, else the labels. */
        public NDArray targets(NDManager manager) {
            return target == null ? labels(manager) : wrap(manager, target, new Shape(n, channels, height, width));
        }
    }
}
