package ccl.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads {@code root/<class>/*.jpg|*.jpeg|*.png} as RGB. Classes are the sub-folders in String
 * order, files within a class are in name order, so the result is deterministic.
 */
public final class ImageFolderReader {

    private ImageFolderReader() {}

    /** The class folder names under root, sorted; label i is the i-th of them. */
    public static List<String> classNames(Path root) {
        try (Stream<Path> children = Files.list(root)) {
            List<String> names = children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .sorted().toList();
            if (names.isEmpty()) {
                throw new DataFormatException(root, "one sub-folder per class", "no sub-folders",
                        "Lay the images out as <root>/<class>/<image>.jpg.");
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e, e);
        }
    }

    public static ImageSet read(Path root) {
        List<String> classes = classNames(root);
        List<Path> files = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            for (Path file : imagesIn(root.resolve(classes.get(c)))) {
                files.add(file);
                labelList.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new DataFormatException(root, "images (*.jpg, *.jpeg, *.png) in the class folders", "none",
                    "Lay the images out as <root>/<class>/<image>.jpg.");
        }

        BufferedImage first = decode(files.get(0));
        int height = first.getHeight();
        int width = first.getWidth();
        int sample = 3 * height * width;
        byte[] pixels = new byte[Math.multiplyExact(files.size(), sample)];
        // Decoding dominates (60,000 JPEGs for CIFAR-10): decode in parallel, each into its own slot.
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            BufferedImage image = i == 0 ? first : decode(files.get(i));
            if (image.getHeight() != height || image.getWidth() != width) {
                throw new DataFormatException(files.get(i), width + "x" + height + " pixels like " + files.get(0),
                        image.getWidth() + "x" + image.getHeight(), "All images must share one size; resize or remove this one.");
            }
            toChw(image, pixels, i * sample);
        });
        int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        return new ImageSet(pixels, labels, 3, height, width, classes.size());
    }

    private static List<Path> imagesIn(Path dir) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isRegularFile).filter(ImageFolderReader::isImageName)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e, e);
        }
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png");
    }

    private static BufferedImage decode(Path file) {
        String advice = "Replace or remove the file.";
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new DataFormatException(file, "a JPEG or PNG image", "data no image decoder recognises", advice);
            }
            return image;
        } catch (IOException e) {
            throw new DataFormatException(file, "a decodable JPEG or PNG image", e.getMessage(), advice);
        }
    }

    private static void toChw(BufferedImage image, byte[] pixels, int offset) {
        int w = image.getWidth();
        int plane = w * image.getHeight();
        int[] argb = image.getRGB(0, 0, w, image.getHeight(), null, 0, w);
        for (int j = 0; j < plane; j++) {
            pixels[offset + j] = (byte) (argb[j] >> 16);
            pixels[offset + plane + j] = (byte) (argb[j] >> 8);
            pixels[offset + 2 * plane + j] = (byte) argb[j];
        }
    }
}
