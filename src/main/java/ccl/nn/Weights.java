package ccl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ccl.io.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

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
        try (InputStream in = Files.newInputStream(file)) {
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
     * Writes atomically (a temporary file beside the target, then a rename), each tensor under its key;
     * the tensors keep their own names afterwards (DJL's encoder takes the name from the tensor).
     */
    public static void write(Path file, Map<String, NDArray> tensors) {
        NDList list = new NDList();
        Map<NDArray, String> names = new java.util.IdentityHashMap<>();
        tensors.forEach((key, t) -> {
            names.put(t, t.getName());
            t.setName(key);
            list.add(t);
        });
        try {
            AtomicFiles.write(file, out -> list.encode(out, NDList.Encoding.NPZ));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write weights file " + file + ": " + e.getMessage(), e);
        } finally {
            names.forEach(NDArray::setName);
        }
    }
}
