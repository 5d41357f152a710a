package ccl.run;

import ai.djl.engine.Engine;
import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Subnormal floats flushed to zero in the engine (x86 FTZ and DAZ), as {@code torch.set_flush_denormal(True)}
 * does and as TensorFlow and JAX do on CPU by default. Why: on Intel CPUs every arithmetic operation with a
 * subnormal operand or result takes a microcode assist; a 256 × 3072 by 3072 × 1024 product of subnormals
 * runs 150× slower than one of normal floats. BP on the CIFAR-10 MLP overfits until its softmax outputs for
 * the training samples underflow (exp of −100 and below), and its epochs grew from 11 s to 36 s over 79
 * epochs. Flushing changes only values below 1.2e-38 (float) to zero.
 *
 * <p>The setting belongs to a thread (the MXCSR register): the engine's worker threads inherit it from the
 * thread that starts them, so {@link #flush} runs in every thread that runs a model, before its first
 * operation. Java arithmetic in that thread flushes subnormals too. Through JNA (on DJL's classpath already),
 * calling PyTorch's own {@code at::Context::setFlushDenormal}, a static member taking and returning a bool.
 */
public final class Denormals {
    private static final String SYMBOL = "_ZN2at7Context16setFlushDenormalEb";
    private static volatile String state = "kept (the engine was not started)";

    private Denormals() {
    }

    /** Flushes subnormals to zero in this thread where the engine can ({@link #state} says). Cheap to repeat. */
    public static void flush() {
        Lookup engine = Lookup.ENGINE;
        if (engine.function() == null) {
            state = "kept (" + engine.why() + ")";
            return;
        }
        // A C++ bool comes back in the lowest byte of the return register; the rest is not defined.
        boolean on = ((Byte) engine.function().invoke(Byte.class, new Object[] {(byte) 1}) & 0xff) != 0;
        state = on ? "flushed to zero (FTZ and DAZ)" : "kept (this CPU cannot flush them)";
    }

    /** What runs in this process do with subnormals, for the provenance of their results. */
    public static String state() {
        return state;
    }

    /** The engine's function, looked up once; null, with the reason, where this engine build lacks it. */
    private record Lookup(Function function, String why) {
        static final Lookup ENGINE = find();

        private static Lookup find() {
            Engine.getInstance(); // loads libtorch, so that it is in this process's maps
            Path maps = Path.of("/proc/self/maps");
            try {
                Optional<String> lib = Files.isReadable(maps) ? Files.readAllLines(maps).stream()
                        .filter(l -> l.endsWith("/libtorch_cpu.so"))
                        .map(l -> l.substring(l.indexOf('/'))).findFirst() : Optional.empty();
                if (lib.isEmpty()) {
                    return new Lookup(null, "libtorch_cpu.so is not mapped in this process");
                }
                return new Lookup(NativeLibrary.getInstance(lib.get()).getFunction(SYMBOL), "");
            } catch (IOException | UnsatisfiedLinkError e) {
                return new Lookup(null, "the engine's " + SYMBOL + " cannot be called: " + e.getMessage());
            }
        }
    }
}
