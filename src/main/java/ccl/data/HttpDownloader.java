package ccl.data;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads one file and installs it only once its MD5 matches. Network trouble is an
 * IOException, so that the caller can try another source; a wrong checksum is a
 * DataFormatException, because it means the source itself is wrong.
 */
final class HttpDownloader {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private HttpDownloader() {}

    static void download(URI url, String md5, Path target) throws IOException {
        Path tmp = AtomicFiles.tempBeside(target);
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
            HttpResponse<Path> response;
            try {
                response = CLIENT.send(request, HttpResponse.BodyHandlers.ofFile(tmp));
            } catch (IOException e) {
                throw new IOException("cannot fetch " + url + " (" + e + ")", e); // e.g. ConnectException has no message
            }
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            String actual = md5(tmp);
            if (!actual.equalsIgnoreCase(md5)) {
                throw new DataFormatException(url.toString(), "MD5 " + md5, "MD5 " + actual,
                        "The download is corrupt or not the official file; nothing was kept. Try again later or use another source.");
            }
            Files.move(tmp, target, ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + url, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
