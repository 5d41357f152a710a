package ccl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The download path against a loopback server that serves a small CIFAR-100 archive. */
class DownloadTest {

    private static final String ARCHIVE = "cifar-100-binary.tar.gz";

    @TempDir
    Path dir;

    private HttpServer server;
    private String baseUrl;
    private String archiveMd5;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void serveArchive() throws Exception {
        Path archive = dir.resolve(ARCHIVE);
        TestData.tarGz(archive, Map.of(
                "cifar-100-binary/train.bin", TestData.cifarRecords(new int[][] {{1, 11}, {2, 22}}),
                "cifar-100-binary/test.bin", TestData.cifarRecords(new int[][] {{3, 33}})));
        archiveMd5 = HttpDownloader.md5(archive);
        byte[] body = Files.readAllBytes(archive);

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mirror/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/mirror/" + ARCHIVE);
            exchange.sendResponseHeaders(known ? 200 : 404, known ? body.length : -1);
            if (known) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        // Sends the headers and half the body, then nothing: a server that stalls mid-file.
        server.createContext("/stall/", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/mirror/";
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private DataOptions options(String url, String md5) {
        Remote remote = new Remote(url, List.of(new Remote.RemoteFile(ARCHIVE, md5)));
        return DataOptions.defaults().withDataDir(dir.resolve("data")).withSharedDir(dir.resolve("no-shared"))
                .withRemote(DatasetId.CIFAR100, remote).withLog(log::add);
    }

    @Test
    void goodChecksumInstallsAndLoads() {
        DataOptions opts = options(baseUrl, archiveMd5);

        ImageSet train = Datasets.load(DatasetId.CIFAR100, true, opts);
        ImageSet test = Datasets.load(DatasetId.CIFAR100, false, opts);

        assertArrayEquals(new int[] {11, 22}, train.labels());
        assertArrayEquals(new int[] {33}, test.labels());
        assertTrue(Files.isRegularFile(dir.resolve("data/CIFAR100/cifar-100-binary/train.bin")));
        assertEquals(List.of(), leftovers());
        assertTrue(DatasetCatalog.rows(opts).get(DatasetId.CIFAR100.ordinal()).present());
    }

    @Test
    void aFetchRemovesScratchFoldersThatAKilledProcessLeft() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path abandoned = Files.createDirectories(data.resolve(".fetch-123"));
        Files.writeString(abandoned.resolve(".lock"), "");
        Files.write(abandoned.resolve("cifar-10-binary.tar.gz"), new byte[1000]);
        Path busy = Files.createDirectories(data.resolve(".fetch-456"));
        try (var channel = java.nio.channels.FileChannel.open(busy.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
                var held = channel.lock()) {

            Datasets.load(DatasetId.CIFAR100, true, options(baseUrl, archiveMd5));

            assertFalse(Files.exists(abandoned), "the unlocked scratch folder of a killed fetch is removed");
            assertTrue(Files.exists(busy), "a scratch folder whose lock is held is another fetch at work");
        }
    }

    @Test
    void badChecksumFailsAndKeepsNothing() throws Exception {
        DataOptions opts = options(baseUrl, "0123456789abcdef0123456789abcdef");

        var e = assertThrows(DataFormatException.class, () -> Datasets.load(DatasetId.CIFAR100, true, opts));

        assertTrue(e.getMessage().startsWith(baseUrl + ARCHIVE + ": expected MD5 0123456789abcdef0123456789abcdef, found MD5 "
                + archiveMd5), e.getMessage());
        assertFalse(Files.exists(dir.resolve("data/CIFAR100")));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void notFoundFallsThroughToAClearError() throws Exception {
        DataOptions opts = options(baseUrl + "missing/", archiveMd5);

        var e = assertThrows(DatasetUnavailableException.class, () -> Datasets.load(DatasetId.CIFAR100, true, opts));

        assertTrue(e.getMessage().contains("HTTP 404 from " + baseUrl + "missing/" + ARCHIVE), e.getMessage());
        assertTrue(e.getMessage().contains("To get it: download " + baseUrl + "missing/" + ARCHIVE + " and extract it into "
                + dir.resolve("data/CIFAR100")), e.getMessage());
        assertEquals(1, log.size(), log.toString());
        // On a machine without internet this line is expected, not an error.
        assertTrue(log.get(0).startsWith("the official download of CIFAR100 is not reachable from here (IOException: HTTP 404"),
                log.get(0));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aStalledDownloadIsAbandonedNotAwaited() {
        java.time.Duration saved = HttpDownloader.STALL;
        HttpDownloader.STALL = java.time.Duration.ofSeconds(2);
        try {
            String stallUrl = baseUrl.replace("/mirror/", "/stall/");
            long start = System.nanoTime();
            var e = assertThrows(DatasetUnavailableException.class,
                    () -> Datasets.load(DatasetId.CIFAR100, true, options(stallUrl, archiveMd5)));
            assertTrue((System.nanoTime() - start) / 1e9 < 15, "took too long");
            assertTrue(e.getMessage().contains("no data from " + stallUrl + ARCHIVE), e.getMessage());
            assertEquals(List.of(), leftovers());
        } finally {
            HttpDownloader.STALL = saved;
        }
    }

    @Test
    void noDownloadMeansNoRequest() {
        DataOptions opts = options(baseUrl, archiveMd5).withDownload(false);

        var e = assertThrows(DatasetUnavailableException.class, () -> Datasets.load(DatasetId.CIFAR100, true, opts));

        assertTrue(e.getMessage().startsWith("CIFAR100 is not in " + dir.resolve("data") + ". To get it: download"),
                e.getMessage());
    }

    /** Temp files or folders that a fetch left in the data folder. */
    private List<String> leftovers() {
        Path data = dir.resolve("data");
        if (!Files.exists(data)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(data)) {
            return all.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
