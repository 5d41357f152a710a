package ccl.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Assembles the batches of one pass on a background thread, a few ahead of the training thread, so
 * the engine never waits for Java-side work (augmentation included; one seeded generator per pass keeps
 * it reproducible). The last batch may be partial (PyTorch's drop_last=False).
 */
public final class Prefetcher implements Iterator<Batches.Batch>, AutoCloseable {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(3);
    private final BlockingQueue<Batches.Batch> spare = new ArrayBlockingQueue<>(8);
    private final Thread worker;
    private Object next;

    /**
     * {@code seed} drives the random steps of the batches' pipeline for this pass; the first {@code skip}
     * batches are left out (a resumed epoch), their random draws still made so the rest match.
     */
    public Prefetcher(Batches batches, int[] order, int batchSize, long seed, int skip) {
        worker = new Thread(() -> {
            try {
                SplittableRandom rng = new SplittableRandom(seed);
                for (int from = 0, i = 0; from < order.length; from += batchSize, i++) {
                    int to = Math.min(order.length, from + batchSize);
                    if (i >= skip) {
                        queue.put(batches.assemble(order, from, to, rng, spare.poll()));
                    } else if (batches.draws()) {
                        spare.offer(batches.assemble(order, from, to, rng, spare.poll()));
                    }
                }
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                // Any failure (an Error too) must reach the consumer, or it would wait for a batch forever.
                queue.clear();
                queue.offer(e);
            }
        }, "batch-prefetch");
        worker.setDaemon(true);
        worker.start();
    }

    public static int batchCount(int samples, int batchSize) {
        return (samples + batchSize - 1) / batchSize;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a batch", e);
            }
            if (next instanceof RuntimeException e) {
                throw e;
            }
            if (next instanceof Error e) {
                throw e;
            }
        }
        return next != END;
    }

    @Override
    public Batches.Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Batches.Batch b = (Batches.Batch) next;
        next = null;
        return b;
    }

    /**
     * Hands a batch's buffers back for reuse. The engine reads the buffers in place, so call this only
     * once every array made from the batch is closed (after the step's NDScope).
     */
    public void recycle(Batches.Batch batch) {
        spare.offer(batch);
    }

    @Override
    public void close() {
        worker.interrupt();
    }
}
