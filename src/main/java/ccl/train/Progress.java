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
public final class Progress implements TrainingListener {
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

    @Override
    public void onEpochStart(TrainingState state, int batches) {
        int epoch = state.completedEpochs();
        int epochs = state.epochs();
        epochStart = System.nanoTime();
        samples = 0;
        lossSum = 0;
        steps = 0;
        if (bar) {
            current = new ProgressBarBuilder()
                    .setTaskName(String.format("epoch %d/%d", epoch + 1, epochs))
                    .setInitialMax(batches)
                    .startsFrom(state.batchInEpoch(), java.time.Duration.ZERO)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out))
                    .continuousUpdate()
                    .build();
        }
    }

    @Override
    public void onStepEnd(TrainingState state, float loss, int batchSamples) {
        samples += batchSamples;
        lossSum += loss;
        steps++;
        if (current != null) {
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            current.step();
            current.setExtraMessage(String.format(Locale.ROOT, " loss %.4f  %.0f samples/s", lossSum / steps, samples / seconds));
        }
    }

    @Override
    public void onEpochEnd(TrainingState state, Map<String, Object> m) {
        if (current != null) {
            current.close();
            current = null;
        }
        // A rule's pre-training epochs (target propagation's feedback-only ones) say so: their loss is another one.
        String phase = "pretraining".equals(m.get("phase")) ? " (pretraining)" : "";
        out.println(String.format(Locale.ROOT, "epoch %d%s  train_loss %.4f  val_loss %s  val_acc %s  lr_F %.4g  %.1f s  %.0f samples/s",
                ((Number) m.get("epoch")).intValue(), phase, num(m.get("train_loss")), fmt(m.get("val_loss")),
                fmt(m.get("val_acc")), num(m.get("lr_F")), num(m.get("seconds")), num(m.get("samples_per_s"))));
    }

    public void info(String line) {
        out.println(line);
    }

    @Override
    public void onInterrupt(TrainingState state) {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    private static String fmt(Object v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", num(v));
    }

    private static double num(Object v) {
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }
}
