package ccl.data;

import ccl.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the CIFAR-10 cache data/cifar10-jpeg/ (official binary layout) from an archive of JPEGs
 * laid out as [top/]train/&lt;class&gt;/*.jpg and [top/]test/&lt;class&gt;/*.jpg, so that only the
 * first load pays for decoding 60,000 images.
 */
final class CifarJpegCache {

    /** The CIFAR-10 label order, which is also the sorted order of the class folder names. */
    static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private CifarJpegCache() {}

    /** Decodes the archive inside the scratch folder work, then moves the finished cache to cacheDir. */
    static void build(Path archive, Path work, Path cacheDir) throws IOException {
        if (!Files.isRegularFile(archive)) {
            throw new DataFormatException(archive, "a CIFAR-10 JPEG archive (.tar.gz)", "no such file",
                    "Check the path of the CIFAR-10 archive.");
        }
        Path extracted = work.resolve("x");
        TarExtractor.extractTarGz(archive, extracted);
        Path root = splitRoot(archive, extracted);
        ImageSet train = readSplit(root.resolve("train"));
        ImageSet test = readSplit(root.resolve("test"));
        Path staging = Files.createDirectory(work.resolve("cache"));
        CifarWriter.writeCifar10(train, test, staging);
        // The README tells people where the data came from; LocalCopy also requires it.
        AtomicFiles.write(staging.resolve(LocalCopy.JPEG_MARKER),
                readme(archive, train, test).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.replaceDir(staging, cacheDir);
    }

    /** The folder holding train/ and test/: the archive's root or its single top folder. */
    private static Path splitRoot(Path archive, Path extracted) throws IOException {
        if (Files.isDirectory(extracted.resolve("train"))) {
            return extracted;
        }
        try (Stream<Path> children = Files.list(extracted)) {
            List<Path> dirs = children.filter(Files::isDirectory).toList();
            if (dirs.size() == 1 && Files.isDirectory(dirs.get(0).resolve("train"))
                    && Files.isDirectory(dirs.get(0).resolve("test"))) {
                return dirs.get(0);
            }
            throw new DataFormatException(archive, "[top/]train/<class>/*.jpg and [top/]test/<class>/*.jpg",
                    "top-level entries " + dirs.stream().map(p -> p.getFileName().toString()).toList(),
                    "Use an image-folder copy of CIFAR-10 such as ../shared/datasets/cifar10-jpeg.tar.gz.");
        }
    }

    private static ImageSet readSplit(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, "a folder of class folders", "nothing",
                    "The archive needs both train/ and test/.");
        }
        List<String> classes = ImageFolderReader.classNames(dir);
        if (!classes.equals(CLASSES)) {
            throw new DataFormatException(dir, "the CIFAR-10 class folders " + CLASSES, "folders " + classes,
                    "Use an image-folder copy of CIFAR-10.");
        }
        ImageSet set = ImageFolderReader.read(dir);
        if (set.height() != CifarReader.SIDE || set.width() != CifarReader.SIDE) {
            throw new DataFormatException(dir, "32x32 images", set.width() + "x" + set.height() + " images",
                    "Use an image-folder copy of CIFAR-10.");
        }
        return set;
    }

    private static String readme(Path archive, ImageSet train, ImageSet test) {
        return "CIFAR-10 in the official binary layout, decoded from the JPEG copy\n"
                + "  " + archive.toAbsolutePath() + "\n"
                + "on " + Instant.now() + ": " + train.size() + " train / " + test.size() + " test images.\n"
                + "JPEG is lossy, so pixels differ slightly from the original CIFAR-10; images are in class order.\n"
                + "The official data/CIFAR10/cifar-10-batches-bin/ takes precedence when present.\n"
                + "Delete this folder to rebuild it.\n";
    }
}
