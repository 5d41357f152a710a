package ccl.paper;

import ccl.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/** The small file chores the figure items share: a Markdown table with a CSV twin, and reading a PNG. */
final class ItemText {
    private ItemText() {
    }

    /** Writes {@code stem.md} (title, table, notes) and {@code stem.csv} (the same rows); returns both. */
    static List<Path> table(Path folder, String stem, String title, List<String> header, List<List<String>> rows,
                            String notes) {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n| ").append(String.join(" | ", header))
                .append(" |\n|").append(" --- |".repeat(header.size())).append('\n');
        StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
        for (List<String> row : rows) {
            md.append("| ").append(String.join(" | ", row)).append(" |\n");
            csv.append(String.join(",", row.stream().map(c -> c.contains(",") ? '"' + c + '"' : c).toList())).append('\n');
        }
        md.append('\n').append(notes).append('\n');
        Path mdFile = folder.resolve(stem + ".md");
        Path csvFile = folder.resolve(stem + ".csv");
        AtomicFiles.writeString(mdFile, md.toString());
        AtomicFiles.writeString(csvFile, csv.toString());
        return List.of(mdFile, csvFile);
    }

    static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    static BufferedImage png(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new IllegalStateException(file + " is not a PNG image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
