package ccl.data;

/**
 * A labelled image set in memory: uint8 pixels, sample-major, each sample channel-major then
 * row-major (C×H×W), labels 0..numClasses-1.
 */
public record ImageSet(byte[] pixels, int[] labels, int channels, int height, int width, int numClasses) {

    public ImageSet {
        if (channels <= 0 || height <= 0 || width <= 0 || numClasses <= 0) {
            throw new IllegalArgumentException("channels, height, width and numClasses must be positive, got "
                    + channels + ", " + height + ", " + width + ", " + numClasses);
        }
        long expected = (long) labels.length * channels * height * width;
        if (pixels.length != expected) {
            throw new IllegalArgumentException("pixels.length is " + pixels.length + " but " + labels.length
                    + " samples of " + channels + "x" + height + "x" + width + " need " + expected);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("label " + labels[i] + " at index " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int sampleSize() {
        return channels * height * width;
    }
}
