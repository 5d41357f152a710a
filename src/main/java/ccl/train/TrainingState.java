package ccl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ccl.config.Config;
import ccl.data.Batches;
import ccl.learn.LearningRule;
import ccl.nn.DualModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Where a run stands, for listeners to read: the model and rule, the data, the counters, the metrics
 * history and the best model so far. Only the {@link Trainer} changes it; everything in it that a
 * resumed run needs is in its checkpoint.
 */
public final class TrainingState {
    /** The samples of a run: the three batch sources, and which training-set samples train and validate. */
    public record Data(Batches train, Batches validation, Batches test, int[] trainIndices, int[] validationIndices) {
    }

    /** The weights of the epoch with the lowest validation loss (the last epoch's when nothing is validated). */
    public record Best(int epoch, double valLoss, Map<String, NDArray> weights, NDManager owner) {
    }

    private final Config config;
    private final RunOptions options;
    private final DualModel model;
    private final LearningRule rule;
    private final NDManager manager;
    private final Data data;
    private final Trainer trainer;
    private final TrainingStep step;
    final List<Map<String, Object>> history = new ArrayList<>();
    int completedEpochs;
    int batchInEpoch;
    double epochLossSum;
    long epochSamples;
    double epochTrainSeconds;
    /** The seconds earlier processes spent on this run, as its checkpoint recorded them (0 for a fresh run). */
    double secondsBefore;
    long fitStartNanos = System.nanoTime();
    long divergedAt = -1;
    Best best;
    boolean newBest;
    private volatile boolean stopRequested;

    TrainingState(Config config, RunOptions options, DualModel model, LearningRule rule, NDManager manager, Data data,
                  Trainer trainer, TrainingStep step) {
        this.config = config;
        this.options = options;
        this.model = model;
        this.rule = rule;
        this.manager = manager;
        this.data = data;
        this.trainer = trainer;
        this.step = step;
    }

    public Config config() { return config; }

    /** Where the steps' time went so far (ccl bench). */
    public StepTimings timings() { return step.timings(); }

    public RunOptions options() { return options; }

    public DualModel model() { return model; }

    public LearningRule rule() { return rule; }

    /** The run's long-lived manager: what a listener keeps across epochs belongs here, outside every step scope. */
    public NDManager manager() { return manager; }

    public Data data() { return data; }

    /** The epochs of the run: the rule's pre-training epochs, then the config's {@code epochs}. */
    public int epochs() { return rule.pretrainingEpochs() + config.getInt("epochs"); }

    /** Whether the epoch in progress (or the next one) pre-trains, by {@link ccl.learn.LearningRule#pretrainingEpochs}. */
    public boolean pretraining() { return completedEpochs < rule.pretrainingEpochs(); }

    /** Epochs finished, each validated and in the history. */
    public int completedEpochs() { return completedEpochs; }

    /** Training steps taken in all. */
    public long globalStep() { return step.globalStep(); }

    /** Steps taken in the epoch in progress (0 at an epoch boundary). */
    public int batchInEpoch() { return batchInEpoch; }

    /** One record per finished epoch, as written to metrics.jsonl. */
    public List<Map<String, Object>> history() { return Collections.unmodifiableList(history); }

    /** The best model so far, or null before the first validated epoch. */
    public Best best() { return best; }

    /**
     * Wall seconds spent on the run, over every process that ran it: a resumed run counts what its checkpoint
     * recorded, so the work a kill lost (and the run did again) is counted once.
     */
    public double seconds() { return secondsBefore + (System.nanoTime() - fitStartNanos) / 1e9; }

    /** Whether the epoch that just ended became the best (valid in {@link TrainingListener#onEpochEnd}). */
    public boolean isNewBest() { return newBest; }

    /** Asks the loop to stop at the next step boundary; safe from any thread (a signal handler). */
    public void requestStop() { stopRequested = true; }

    public boolean stopRequested() { return stopRequested; }

    /** Writes everything a resumed run needs to continue exactly, atomically, to {@code file}. */
    public void writeCheckpoint(Path file) {
        trainer.writeCheckpoint(file);
    }
}
