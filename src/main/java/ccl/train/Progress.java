package ccl.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training feedback: on a terminal a progress bar per epoch with the running loss and throughput;
 * otherwise (logs, CI) one plain line per epoch.
 */
public final class Progress {
    private final PrintStream out;
    private final boolean bar;
    private ProgressBar current;
    private long epochStart;
    private long samples;
    private double lossSum;
    private int steps;

    public Progress(PrintStream out, boolean bar) {
        this.out = out;
        this.bar = bar;
    }

    /** A bar when a console is attached, plain lines otherwise. */
    public static Progress auto(PrintStream out) {
        return new Progress(out, System.console() != null);
    }

    public void startEpoch(int epoch, int epochs, int batches) {
        epochStart = System.nanoTime();
        samples = 0;
        lossSum = 0;
        steps = 0;
        if (bar) {
            current = new ProgressBarBuilder()
                    .setTaskName(String.format("epoch %d/%d", epoch + 1, epochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .continuousUpdate()
                    .build();
        }
    }

    public void step(float loss, int batchSamples) {
        samples += batchSamples;
        lossSum += loss;
        steps++;
        if (current != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            current.step();
            current.setExtraMessage(String.format(Locale.ROOT, " loss %.4f  %.0f samples/s", lossSum / steps, samples / seconds));
        }
    }

    public void endEpoch(Map<String, Object> m) {
        if (current != null) {
            current.close();
            current = null;
        }
        out.println(String.format(Locale.ROOT, "epoch %d  train_loss %.4f  val_loss %s  val_acc %s  lr_F %.4g  %.1f s  %.0f samples/s",
                (int) m.get("epoch") + 1, (double) m.get("train_loss"), fmt(m.get("val_loss")), fmt(m.get("val_acc")),
                (double) m.get("lr_F"), (double) m.get("seconds"), (double) m.get("samples_per_s")));
    }

    public void info(String line) {
        out.println(line);
    }

    private static String fmt(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", (double) v);
    }
}
