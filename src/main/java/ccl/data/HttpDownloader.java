package ccl.data;

import ccl.io.AtomicFiles;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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

    /** How long a download may receive nothing before it is abandoned (tests shorten it). */
    static Duration STALL = Duration.ofSeconds(60);

    private HttpDownloader() {}

    static void download(URI url, String md5, Path target) throws IOException {
        Path tmp = AtomicFiles.tempBeside(target);
        try {
            HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET().build();
            HttpResponse<InputStream> response;
            try {
                response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new IOException("cannot fetch " + url + " (" + e + ")", e); // e.g. ConnectException has no message
            }
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode() + " from " + url);
                }
                copyWatched(body, tmp, url);
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

    /**
     * Copies the body, closing it if no byte arrives for {@link #STALL}: the client's timeouts cover
     * connecting and the response headers, not a server that stops sending mid-file.
     */
    private static void copyWatched(InputStream body, Path tmp, URI url) throws IOException {
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        AtomicBoolean stalled = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastProgress.get() > STALL.toNanos() && stalled.compareAndSet(false, true)) {
                try {
                    body.close();
                } catch (IOException ignored) {
                    // the reading thread reports the failure
                }
            }
        }, 1, 1, TimeUnit.SECONDS);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                lastProgress.set(System.nanoTime());
            }
        } catch (IOException e) {
            throw new IOException(stalled.get() ? "no data from " + url + " for " + STALL.toSeconds() + " s; gave up"
                    : "download of " + url + " broke off (" + e + ")", e);
        } finally {
            watchdog.shutdownNow();
        }
        if (stalled.get()) {
            throw new IOException("no data from " + url + " for " + STALL.toSeconds() + " s; gave up");
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
