package ccl.data;

import ccl.config.Config;

/**
 * The reference loaders' choices for a config: which stored dataset a {@code dataset} name reads, the
 * training and evaluation pipelines (dataset/dataloaders_mlp.py for MLPs, dataset/dataloaders.py for CNNs
 * and the autoencoder), and for the autoencoder its task transform (null for classification).
 */
public record InputPipelines(DatasetId storage, Pipeline train, Pipeline eval, TaskTransform task) {
    private static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    public static InputPipelines forConfig(Config config) {
        String name = config.getString("dataset");
        boolean mlp = config.getString("architecture").equals("simple_linear");
        if (config.isAutoencoder()) {
            // main_class_convae.py's loaders: images in [0, 1], training crops from 4-pixel zero padding and flips.
            DatasetId id = DatasetId.fromName(name);
            Pipeline plain = new Pipeline(0, 0, 0, false, false, null, null);
            return new InputPipelines(id, new Pipeline(0, id.imageSize(), 4, false, true, null, null), plain,
                    TaskTransform.fromName(config.getString("task_transform")));
        }
        return switch (name) {
            // CNN loaders: 32x32 crops from 4-pixel padding and flips; MNIST-like images are not normalized.
            case "MNIST_CNN", "FashionMNIST_CNN" -> new InputPipelines(storage(name),
                    new Pipeline(0, 32, 4, false, true, null, null), new Pipeline(32, 0, 0, false, false, null, null), null);
            case "STL10_cls" -> new InputPipelines(DatasetId.STL10,
                    new Pipeline(32, 0, 0, false, true, null, null), new Pipeline(32, 0, 0, false, false, null, null), null);
            default -> {
                DatasetId id = DatasetId.fromName(name);
                if (mlp || (id != DatasetId.CIFAR10 && id != DatasetId.CIFAR100)) {
                    Pipeline p = Pipeline.normalizeOnly(id.mean(), id.std());
                    yield new InputPipelines(id, p, p, null);
                }
                yield new InputPipelines(id, new Pipeline(0, 32, 4, true, true, IMAGENET_MEAN, IMAGENET_STD),
                        Pipeline.normalizeOnly(IMAGENET_MEAN, IMAGENET_STD), null);
            }
        };
    }

    /** Training without augmentation: the evaluation pipeline for both. */
    public InputPipelines withoutAugmentation() {
        return new InputPipelines(storage, eval, eval, task);
    }

    private static DatasetId storage(String cnnName) {
        return DatasetId.fromName(cnnName.substring(0, cnnName.length() - "_CNN".length()));
    }
}
