package ccl.data;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;

/** Writes a CIFAR-10 train/test pair in the official binary layout, which {@link CifarReader} reads back. */
final class CifarWriter {

    private static final int TRAIN_BATCHES = 5;

    private CifarWriter() {}

    /** Writes data_batch_1..5.bin (train split in five) and test_batch.bin into dir. */
    static void writeCifar10(ImageSet train, ImageSet test, Path dir) throws IOException {
        for (int b = 0; b < TRAIN_BATCHES; b++) {
            int from = (int) ((long) train.size() * b / TRAIN_BATCHES);
            int to = (int) ((long) train.size() * (b + 1) / TRAIN_BATCHES);
            AtomicFiles.write(dir.resolve("data_batch_" + (b + 1) + ".bin"), records(train, from, to));
        }
        AtomicFiles.write(dir.resolve("test_batch.bin"), records(test, 0, test.size()));
    }

    private static byte[] records(ImageSet set, int from, int to) {
        if (set.channels() != CifarReader.CHANNELS || set.height() != CifarReader.SIDE
                || set.width() != CifarReader.SIDE || set.numClasses() != 10) {
            throw new IllegalArgumentException("CIFAR-10 needs 10 classes of 3x32x32 images, got " + set.numClasses()
                    + " classes of " + set.channels() + "x" + set.height() + "x" + set.width());
        }
        int record = 1 + CifarReader.IMAGE_BYTES;
        byte[] out = new byte[(to - from) * record];
        for (int i = from; i < to; i++) {
            out[(i - from) * record] = (byte) set.labels()[i];
            System.arraycopy(set.pixels(), i * CifarReader.IMAGE_BYTES, out, (i - from) * record + 1, CifarReader.IMAGE_BYTES);
        }
        return out;
    }
}
