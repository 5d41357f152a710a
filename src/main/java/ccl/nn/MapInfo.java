package ccl.nn;

import ai.djl.ndarray.types.Shape;

/**
 * One map of a built model as it runs on one sample, for counting its cost and for printing the model:
 * its stage (depth), its name ({@code enc1.forward_layer}, or {@code enc1.pool} for a shape-only map), its
 * direction, the operation ({@code linear}, {@code conv3x3}, {@code maxpool2x2}, {@code upsample2x},
 * {@code flatten}, {@code unflatten}), the shapes of one sample in and out, its specification (null for
 * shape-only maps), and whether it runs bare (the last map in its direction: no BatchNorm, no activation).
 */
public record MapInfo(int stage, String name, Side side, String op, Shape input, Shape output, MapSpec spec,
                      boolean bare) {
    /** Multiply-adds of the weighted map for one sample (0 for shape-only maps). */
    public long multiplyAdds() {
        if (spec == null) {
            return 0;
        }
        long perOutput = (long) spec.in() * spec.kernel() * spec.kernel();
        return perOutput * output.size();
    }
}
