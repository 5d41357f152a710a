package ccl.train;

import ccl.data.ImageSet;
import ccl.data.InputPipelines;

/** The images a run trains, validates and tests on, and the pipelines that turn them into batches. */
public record TrainingData(ImageSet train, ImageSet test, InputPipelines pipelines) {
}
