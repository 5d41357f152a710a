package ccl.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The on-disk layout of each dataset under the data directory (the official one, as its archive
 * extracts), whether a complete copy is there, and how to read it.
 */
final class LocalCopy {

    /** CIFAR-10 rebuilt from JPEGs, kept apart from the official binary so the two are never confused. */
    private static final String CIFAR10_JPEG_DIR = "cifar10-jpeg";
    static final String JPEG_MARKER = "README.txt";

    private static final List<String> IDX_FILES = List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte",
            "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
    private static final List<String> CIFAR10_FILES = List.of("data_batch_1.bin", "data_batch_2.bin",
            "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin", "test_batch.bin");

    private LocalCopy() {}

    /** The folder that holds the dataset's files; for archives, the folder the archive extracts to. */
    static Path officialDir(DatasetId id, Path dataDir) {
        Path base = dataDir.resolve(id.configName());
        return switch (id) {
            case MNIST, FASHION_MNIST -> base;
            case CIFAR10 -> base.resolve("cifar-10-batches-bin");
            case CIFAR100 -> base.resolve("cifar-100-binary");
            case STL10 -> base.resolve("stl10_binary");
        };
    }

    static List<String> fileNames(DatasetId id) {
        return switch (id) {
            case MNIST, FASHION_MNIST -> IDX_FILES;
            case CIFAR10 -> CIFAR10_FILES;
            case CIFAR100 -> List.of("train.bin", "test.bin");
            case STL10 -> List.of("train_X.bin", "train_y.bin", "test_X.bin", "test_y.bin");
        };
    }

    /** A folder with a complete copy: the official files first, then (CIFAR-10 only) the JPEG-built cache. */
    static Optional<Path> find(DatasetId id, Path dataDir) {
        Path official = officialDir(id, dataDir);
        if (complete(official, fileNames(id))) {
            return Optional.of(official);
        }
        Path jpeg = cifar10JpegDir(dataDir);
        if (id == DatasetId.CIFAR10 && complete(jpeg, fileNames(id)) && Files.isRegularFile(jpeg.resolve(JPEG_MARKER))) {
            return Optional.of(jpeg);
        }
        return Optional.empty();
    }

    static Path cifar10JpegDir(Path dataDir) {
        return dataDir.resolve(CIFAR10_JPEG_DIR);
    }

    /** Whether every named file is in dir, as itself or gzipped (name.gz). */
    static boolean complete(Path dir, List<String> names) {
        return names.stream().allMatch(name -> resolve(dir, name).isPresent());
    }

    static ImageSet read(DatasetId id, Path dir, boolean train) {
        return switch (id) {
            case MNIST, FASHION_MNIST -> IdxReader.read(file(dir, train ? "train-images-idx3-ubyte" : "t10k-images-idx3-ubyte"),
                    file(dir, train ? "train-labels-idx1-ubyte" : "t10k-labels-idx1-ubyte"), id.numClasses());
            case CIFAR10 -> CifarReader.readCifar10(train
                    ? IntStream.rangeClosed(1, 5).mapToObj(i -> dir.resolve("data_batch_" + i + ".bin")).toList()
                    : List.of(dir.resolve("test_batch.bin")));
            case CIFAR100 -> CifarReader.readCifar100(dir.resolve(train ? "train.bin" : "test.bin"), false);
            case STL10 -> Stl10Reader.read(dir.resolve(train ? "train_X.bin" : "test_X.bin"),
                    dir.resolve(train ? "train_y.bin" : "test_y.bin"));
        };
    }

    private static Path file(Path dir, String name) {
        return resolve(dir, name).orElseThrow(() -> new IllegalStateException(name + " vanished from " + dir));
    }

    private static Optional<Path> resolve(Path dir, String name) {
        return Optional.of(dir.resolve(name)).filter(Files::isRegularFile)
                .or(() -> Optional.of(dir.resolve(name + ".gz")).filter(Files::isRegularFile));
    }
}
