package ccl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Small datasets in the real on-disk formats, for tests that must not depend on downloads. */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * Writes MNIST-format IDX files ({@code <prefix>-images-idx3-ubyte}, {@code <prefix>-labels-idx1-ubyte})
     * of {@code n} 28×28 images whose brightness pattern depends on the label, so a model can learn them.
     */
    public static void writeMnistLike(Path dir, String prefix, int n, long seed) {
        Random rng = new Random(seed);
        ByteBuffer images = ByteBuffer.allocate(16 + n * 784).putInt(0x803).putInt(n).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + n).putInt(0x801).putInt(n);
        for (int i = 0; i < n; i++) {
            int label = rng.nextInt(10);
            labels.put((byte) label);
            for (int p = 0; p < 784; p++) {
                boolean lit = (p / 28) / 3 == label || rng.nextInt(10) == 0;
                images.put((byte) (lit ? 200 + rng.nextInt(56) : rng.nextInt(30)));
            }
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
            Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code n} random records of CIFAR's binary version: CIFAR-10 {@code data_batch_1.bin}
     * ({@code <label><3072>}) or, with {@code cifar100}, {@code train.bin} ({@code <coarse><fine><3072>}).
     */
    public static void writeCifarLike(Path dir, int n, boolean cifar100, long seed) {
        Random rng = new Random(seed);
        int head = cifar100 ? 2 : 1;
        byte[] records = new byte[n * (head + 3072)];
        for (int i = 0; i < n; i++) {
            int at = i * (head + 3072);
            int label = rng.nextInt(cifar100 ? 100 : 10);
            records[at] = (byte) (cifar100 ? label / 5 : label);
            records[at + head - 1] = (byte) label;
            for (int p = 0; p < 3072; p++) {
                records[at + head + p] = (byte) rng.nextInt(256);
            }
        }
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(cifar100 ? "train.bin" : "data_batch_1.bin"), records);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete MNIST folder (train + t10k) under {@code dataDir/MNIST}. */
    public static void writeMnistDataset(Path dataDir, int train, int test) {
        writeMnistLike(dataDir.resolve("MNIST"), "train", train, 1);
        writeMnistLike(dataDir.resolve("MNIST"), "t10k", test, 2);
    }
}
