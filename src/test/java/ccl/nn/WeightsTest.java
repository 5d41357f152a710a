package ccl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightsTest {
    private static final String PYTHON = "/usr/bin/python3";

    private static Map<String, NDArray> tensors(NDManager m) {
        Map<String, NDArray> t = new LinkedHashMap<>();
        t.put("model/enc1.forward_layer.weight", m.arange(12f).reshape(3, 4).div(7));
        t.put("model/enc1.forward_bn.num_batches_tracked", m.create(new long[] {5}));
        t.put("rng", m.create(new byte[] {1, (byte) 200, 3}).toType(DataType.UINT8, false));
        t.put("scalar", m.create(2.5f));
        return t;
    }

    @Test
    void entriesAreStoredAndReadBackExactly(@TempDir Path tmp) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = tmp.resolve("w.npz");
            Map<String, NDArray> written = tensors(m);
            Weights.write(file, written);
            List<String> names = new ArrayList<>();
            try (ZipFile zip = new ZipFile(file.toFile())) {
                zip.stream().forEach(e -> {
                    names.add(e.getName());
                    assertEquals(ZipEntry.STORED, e.getMethod(), e.getName());
                });
            }
            assertEquals(List.of("model/enc1.forward_layer.weight.npy", "model/enc1.forward_bn.num_batches_tracked.npy",
                    "rng.npy", "scalar.npy"), names);
            Map<String, NDArray> read = Weights.read(file, m);
            assertEquals(written.keySet(), read.keySet());
            for (String key : written.keySet()) {
                NDArray a = written.get(key);
                NDArray b = read.get(key);
                assertEquals(a.getDataType(), b.getDataType(), key);
                assertEquals(a.getShape(), b.getShape(), key);
                assertArrayEquals(a.toByteArray(), b.toByteArray(), key);
            }
            assertEquals(new Shape(), read.get("scalar").getShape());
        }
    }

    @Test
    void numpyReadsWhatIsWritten(@TempDir Path tmp) throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)) && run(PYTHON, "-c", "import numpy").startsWith("0"),
                "skipped: " + PYTHON + " cannot import numpy (apt-get install python3-numpy)");
        try (NDManager m = NDManager.newBaseManager()) {
            Path file = tmp.resolve("w.npz");
            Weights.write(file, tensors(m));
            String out = run(PYTHON, "-c", "import numpy as np, sys\n"
                    + "z = np.load(sys.argv[1])\n"
                    + "for k in z.files:\n"
                    + "    print(k, z[k].dtype, z[k].shape, z[k].tobytes().hex())\n", file.toString());
            StringBuilder expected = new StringBuilder("0\n");
            tensors(m).forEach((key, a) -> expected.append(key).append(' ').append(NUMPY_TYPES.get(a.getDataType()))
                    .append(' ').append(PYTHON_SHAPES.get(key)).append(' ').append(HexFormat.of().formatHex(a.toByteArray()))
                    .append('\n'));
            assertEquals(expected.toString(), out);
        }
    }

    private static final Map<DataType, String> NUMPY_TYPES = Map.of(DataType.FLOAT32, "float32", DataType.INT64, "int64",
            DataType.UINT8, "uint8");
    private static final Map<String, String> PYTHON_SHAPES = Map.of("model/enc1.forward_layer.weight", "(3, 4)",
            "model/enc1.forward_bn.num_batches_tracked", "(1,)", "rng", "(3,)", "scalar", "()");

    /** The exit code on the first line, then what the process printed. */
    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() + "\n" + out;
    }
}
