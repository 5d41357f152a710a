package ccl.train;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Memory of this process, for the flat-memory check over a whole run: each epoch's record gets
 * {@code rss_mb} (resident), {@code heap_mb} (committed Java heap) and {@code direct_mb} (direct buffers).
 */
public final class Memory implements TrainingListener {
    private static final double MIB = 1024.0 * 1024.0;

    @Override
    public void collectMetrics(TrainingState state, Map<String, Object> record) {
        record.put("rss_mb", residentMegabytes());
        record.put("heap_mb", heapMegabytes());
        record.put("direct_mb", directMegabytes());
    }

    /** The Java heap the JVM has committed, in MiB. */
    static double heapMegabytes() {
        return Runtime.getRuntime().totalMemory() / MIB;
    }

    /** Direct (off-heap) buffers the JVM holds, in MiB: batches live there until the engine is done with them. */
    static double directMegabytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum() / MIB;
    }

    /** VmRSS from /proc/self/status in MiB, or -1 where there is no /proc. */
    static double residentMegabytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
