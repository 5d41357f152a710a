package ccl.data;

import java.nio.file.Path;

/**
 * Reads the STL-10 binary version: X holds 3×96×96 uint8 records whose channel planes are stored
 * column-major (MATLAB order), y holds labels 1..10.
 */
public final class Stl10Reader {

    static final int SIDE = 96;
    private static final int PLANE = SIDE * SIDE;
    static final int RECORD = 3 * PLANE;

    private Stl10Reader() {}

    public static ImageSet read(Path images, Path labels) {
        byte[] x = FileBytes.read(images);
        byte[] y = FileBytes.read(labels);
        if (x.length == 0 || x.length % RECORD != 0) {
            throw new DataFormatException(images, "an STL-10 image file (a positive multiple of " + RECORD + " bytes)",
                    x.length + " bytes", FileBytes.REFETCH);
        }
        int n = x.length / RECORD;
        if (y.length != n) {
            throw new DataFormatException(labels, "one label byte per image of " + images + " (" + n + ")",
                    y.length + " bytes", "The image and label files belong to different sets; use a matching pair.");
        }
        int[] classes = FileBytes.labels(labels, y, 0, 1, n, 1, 10);

        // Transpose every plane so that the result is row-major like every other ImageSet.
        byte[] pixels = new byte[x.length];
        for (int plane = 0; plane < 3 * n; plane++) {
            int base = plane * PLANE;
            for (int row = 0; row < SIDE; row++) {
                for (int col = 0; col < SIDE; col++) {
                    pixels[base + row * SIDE + col] = x[base + col * SIDE + row];
                }
            }
        }
        return new ImageSet(pixels, classes, 3, SIDE, SIDE, 10);
    }
}
