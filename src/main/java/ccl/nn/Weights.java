package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ccl.io.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Weights files: NumPy {@code .npz} keyed by the reference's state-dict names, so weights move
 * between the reference ({@code np.savez(f, **{k: v.numpy() for k, v in model.state_dict().items()})})
 * and this implementation.
 */
public final class Weights {
    private Weights() {
    }

    public static Map<String, NDArray> read(Path file, NDManager manager) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("weights file " + file + " does not exist");
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            NDList list = NDList.decode(manager, in);
            Map<String, NDArray> out = new LinkedHashMap<>();
            for (NDArray a : list) {
                out.put(a.getName(), a);
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read weights file " + file
                    + " (expected a NumPy .npz archive): " + e.getMessage(), e);
        }
    }

    /**
     * Writes atomically (a temporary file beside the target, then a rename), each tensor as {@code KEY.npy}
     * (NumPy's format 1.0, the layout {@code np.save} writes), the entries stored, not deflated: DJL's own
     * encoder deflates, which took 4–5 s for a CIFAR-10 MLP checkpoint (84 MB of float32, 8 % smaller
     * after) at every epoch's end, a third of a 3-epoch run.
     */
    public static void write(Path file, Map<String, NDArray> tensors) {
        try {
            AtomicFiles.write(file, out -> {
                ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out, 1 << 20));
                byte[] chunk = new byte[1 << 16];
                for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
                    byte[] header = npyHeader(e.getValue());
                    ByteBuffer data = e.getValue().toByteBuffer();
                    CRC32 crc = new CRC32();
                    crc.update(header);
                    crc.update(data.duplicate());
                    ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(header.length + data.remaining());
                    entry.setCompressedSize(header.length + data.remaining());
                    entry.setCrc(crc.getValue());
                    zip.putNextEntry(entry);
                    zip.write(header);
                    while (data.hasRemaining()) { // through a small buffer: no heap copy of a whole tensor
                        int n = Math.min(chunk.length, data.remaining());
                        data.get(chunk, 0, n);
                        zip.write(chunk, 0, n);
                    }
                    zip.closeEntry();
                }
                zip.finish();
                zip.flush();
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * NumPy's .npy format 1.0 up to the data: magic, version, header length, the header dict padded to 64 bytes.
     * The data follows in the engine's byte order, little-endian here as the header says.
     */
    private static byte[] npyHeader(NDArray a) {
        long[] dims = a.getShape().getShape();
        String shape = dims.length == 1 ? "(" + dims[0] + ",)"
                : Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
        String dict = "{'descr': '" + a.getDataType().asNumpy() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        byte[] text = (dict + " ".repeat((64 - unpadded % 64) % 64) + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        return b.putShort((short) text.length).put(text).array();
    }
}
