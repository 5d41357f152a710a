package ccl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * What this machine's engine reaches, measured: float32 matrix products at given shapes, and memory
 * bandwidth of an element-wise pass over arrays far larger than the caches. Each is repeated for at
 * least {@code seconds} after a warm-up, so that one slow call does not decide it.
 */
public final class Machine {
    /** A product (m × k) · (k × n). */
    public record Gemm(long m, long k, long n) {
        double flops() {
            return 2.0 * m * k * n;
        }
    }

    private static final long BANDWIDTH_FLOATS = 32L << 20; // 128 MB per array

    private Machine() {
    }

    /** FLOP/s over the given products, each timed in turn: their FLOPs over their time together. */
    public static double gemmRate(NDManager m, List<Gemm> shapes, double seconds) {
        double flops = 0;
        double time = 0;
        for (Gemm g : shapes) {
            try (NDManager scope = m.newSubManager()) {
                NDArray a = scope.randomUniform(-1, 1, new Shape(g.m(), g.k()));
                NDArray b = scope.randomUniform(-1, 1, new Shape(g.k(), g.n()));
                double t = timed(() -> a.matMul(b).close(), seconds / shapes.size());
                flops += g.flops();
                time += t;
            }
        }
        return flops / time;
    }

    /** Bytes per second of {@code a += b} over two 128 MB arrays (two reads and a write per element). */
    public static double bandwidth(NDManager m, double seconds) {
        try (NDManager scope = m.newSubManager()) {
            NDArray a = scope.ones(new Shape(BANDWIDTH_FLOATS));
            NDArray b = scope.ones(new Shape(BANDWIDTH_FLOATS));
            double t = timed(() -> a.addi(b), seconds);
            return 3.0 * 4 * BANDWIDTH_FLOATS / t;
        }
    }

    /** Seconds per call of {@code op}: the median of timed calls after three untimed ones. */
    private static double timed(Runnable op, double seconds) {
        for (int i = 0; i < 3; i++) {
            op.run();
        }
        List<Double> times = new java.util.ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (times.size() < 5 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            op.run();
            times.add((System.nanoTime() - t0) / 1e9);
        }
        return Stats.median(times);
    }
}
