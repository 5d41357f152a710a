package ccl.data;

import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Extracts .tar.gz / .tgz archives. Entries that would land outside the target folder (absolute
 * paths, {@code ..}) are refused, and so are links, which dataset archives never need and which
 * could point anywhere.
 */
final class TarExtractor {

    private TarExtractor() {}

    static void extractTarGz(Path archive, Path target) throws IOException {
        Path root = target.toAbsolutePath().normalize();
        Files.createDirectories(root);
        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GzipCompressorInputStream(new BufferedInputStream(file)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                Path out = safeTarget(archive, root, entry);
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new DataFormatException(archive, "a complete .tar.gz archive", "a broken one (" + e + ")",
                    "Delete the archive and fetch it again.");
        }
    }

    private static Path safeTarget(Path archive, Path root, TarArchiveEntry entry) {
        String name = entry.getName();
        String advice = "The archive is unsafe to extract; get it from the official source.";
        if (entry.isSymbolicLink() || entry.isLink()) {
            throw new DataFormatException(archive, "only files and folders", "the link " + name + " -> "
                    + entry.getLinkName(), advice);
        }
        if (!entry.isDirectory() && !entry.isFile()) {
            throw new DataFormatException(archive, "only files and folders", "the special entry " + name, advice);
        }
        Path out = root.resolve(name).normalize();
        if (name.startsWith("/") || Path.of(name).isAbsolute() || !out.startsWith(root)) {
            throw new DataFormatException(archive, "entries inside the target folder " + root,
                    "the entry " + name + " which would land at " + out, advice);
        }
        return out;
    }
}
