package ccl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which copy of a dataset a run read, for run.json: its folder, whether it is the official files (every
 * file's MD5 equal to the published one) or CIFAR-10 rebuilt from JPEGs (lossy: not comparable with
 * the paper), and each file's MD5.
 */
public final class DataProvenance {
    /**
     * Published MD5s of the extracted files: CIFAR's as ../shared/README.md lists them, MNIST's raw IDX files
     * as public projects that verify the uncompressed files list them (the npm copy is byte for byte these).
     * Gzipped IDX files are checked against the archives' MD5s of {@link Remote#official}.
     */
    private static final Map<String, String> OFFICIAL = Map.ofEntries(
            Map.entry("MNIST/train-images-idx3-ubyte", "6bbc9ace898e44ae57da46a324031adb"),
            Map.entry("MNIST/train-labels-idx1-ubyte", "a25bea736e30d166cdddb491f175f624"),
            Map.entry("MNIST/t10k-images-idx3-ubyte", "2646ac647ad5339dbf082846283269ea"),
            Map.entry("MNIST/t10k-labels-idx1-ubyte", "27ae3e4e09519cfbb04c329615203637"),
            Map.entry("CIFAR10/data_batch_1.bin", "5dd7e06a14cb22eb9f671a540d1b7c25"),
            Map.entry("CIFAR10/data_batch_2.bin", "5ea93a67294ea407fff1d09f752e9692"),
            Map.entry("CIFAR10/data_batch_3.bin", "942cd6a4bcdd0dd3c604fbe906cb4421"),
            Map.entry("CIFAR10/data_batch_4.bin", "ae636b3ba5c66a11e91e8cb52e771fcb"),
            Map.entry("CIFAR10/data_batch_5.bin", "53f37980c15c3d472c316c40844f3f0d"),
            Map.entry("CIFAR10/test_batch.bin", "803d5f7f4d78ea53de84dbe85f74fb6d"),
            Map.entry("CIFAR100/train.bin", "6172c7755cfe09b2fe270c85cebc1b15"),
            Map.entry("CIFAR100/test.bin", "4499cfba6c016c1be1438163640a0898"),
            // Fashion-MNIST's IDX files inside the published .gz archives. Debian's dataset-fashion-mnist ships
            // those archives with the gzip header rewritten (no file name, another time stamp): putting the
            // name and the time of the published ones back gives their MD5s exactly, so its contents are these.
            Map.entry("FashionMNIST/train-images-idx3-ubyte", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
            Map.entry("FashionMNIST/train-labels-idx1-ubyte", "9018921c3c673c538a1fc5bad174d6f9"),
            Map.entry("FashionMNIST/t10k-images-idx3-ubyte", "8181f5470baa50b63fa0f6fddb340f0a"),
            Map.entry("FashionMNIST/t10k-labels-idx1-ubyte", "15d484375f8d13e6eb1aabb0c3f46965"),
            Map.entry("STL10/train_X.bin", "918c2871b30a85fa023e0c44e0bee87f"),
            Map.entry("STL10/train_y.bin", "5a34089d4802c674881badbb80307741"));

    private DataProvenance() {
    }

    /**
     * What the files of one copy are: each file's MD5, the files whose published MD5 is known and differs
     * (a truncated or altered file), the files whose published MD5 this tool does not know, and the gzipped
     * files verified by their contents (their gzip header differs from the published archive's).
     */
    public record Check(Path folder, boolean jpeg, Map<String, String> md5, List<String> altered, List<String> unknown,
                        List<String> byContent) {
        public boolean official() {
            return !jpeg && altered.isEmpty() && unknown.isEmpty();
        }

        /** One phrase for a person: which copy this is, and what to do when it is not the official one. */
        public String copy() {
            if (jpeg) {
                return "CIFAR-10 rebuilt from JPEGs (lossy; not comparable with the paper)";
            }
            if (!altered.isEmpty()) {
                return "not the official files: " + String.join(", ", altered) + " differ from the published ones"
                        + " (truncated or altered?); delete them and run again to fetch them";
            }
            if (unknown.isEmpty() && !byContent.isEmpty()) {
                return "the official files (every MD5 verified; " + String.join(", ", byContent) + " by their contents, "
                        + "since their gzip headers differ from the published archives')";
            }
            return unknown.isEmpty() ? "the official files (every MD5 verified)"
                    : "no published MD5 known for " + String.join(", ", unknown);
        }
    }

    /** Checks the complete copy in folder (as {@link LocalCopy#find} found it) against the published MD5s. */
    static Check check(DatasetId id, Path folder, Path dataDir) {
        boolean jpeg = folder.equals(LocalCopy.cifar10JpegDir(dataDir));
        Map<String, String> files = new LinkedHashMap<>();
        List<String> altered = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> byContent = new ArrayList<>();
        for (String name : LocalCopy.fileNames(id)) {
            Path file = Files.isRegularFile(folder.resolve(name)) ? folder.resolve(name) : folder.resolve(name + ".gz");
            String fileName = file.getFileName().toString();
            String md5 = md5(file);
            files.put(fileName, md5);
            String published = jpeg ? md5 : officialMd5(id, fileName);
            if (published.isEmpty()) {
                unknown.add(fileName);
            } else if (!published.equals(md5)) {
                String content = fileName.endsWith(".gz") ? OFFICIAL.get(id.configName() + "/" + name) : null;
                if (content != null && content.equals(gunzippedMd5(file))) {
                    byContent.add(fileName);
                } else {
                    altered.add(fileName);
                }
            }
        }
        return new Check(folder, jpeg, files, List.copyOf(altered), List.copyOf(unknown), List.copyOf(byContent));
    }

    /** Describes the copy {@link Datasets#load} reads, for run.json; call after loading, when it is on disk. */
    public static Map<String, Object> describe(DatasetId id, DataOptions opts) {
        Path dir = LocalCopy.find(id, opts.dataDir()).orElseThrow(
                () -> new IllegalStateException(id.configName() + " vanished from " + opts.dataDir()));
        Check check = check(id, dir, opts.dataDir());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dataset", id.configName());
        out.put("folder", dir.toAbsolutePath().normalize().toString());
        out.put("copy", check.copy());
        out.put("official", check.official());
        out.put("md5", check.md5());
        return out;
    }

    private static String md5(Path file) {
        try {
            return HttpDownloader.md5(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The MD5 of a gzip file's contents; "" when it is not a whole gzip file (truncated, or not gzip). */
    static String gunzippedMd5(Path file) {
        try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("MD5");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return java.util.HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return "";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    private static String officialMd5(DatasetId id, String fileName) {
        String known = OFFICIAL.get(id.configName() + "/" + fileName);
        if (known != null) {
            return known;
        }
        return Remote.official(id).files().stream().filter(f -> f.name().equals(fileName)).map(Remote.RemoteFile::md5)
                .findFirst().orElse("");
    }
}
