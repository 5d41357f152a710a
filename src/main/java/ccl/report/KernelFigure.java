package ccl.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/**
 * The paper's Fig 4: a convolution's kernels as small images (RGB when the layer reads three channels,
 * grey otherwise), each scaled by its own minimum and maximum, 16 to a row, with a caption line.
 */
final class KernelFigure {
    private static final int SCALE = 12;
    private static final int PER_ROW = 16;
    private static final int GAP = 4;
    private static final int CAPTION = 28;

    private KernelFigure() {
    }

    static BufferedImage draw(float[] weight, int out, int in, int k, String caption) {
        int cell = k * SCALE + GAP;
        int rows = (out + PER_ROW - 1) / PER_ROW;
        BufferedImage image = new BufferedImage(Math.max(PER_ROW * cell + GAP, 600), rows * cell + GAP + CAPTION,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.drawString(caption, GAP, 18);
            for (int o = 0; o < out; o++) {
                float min = Float.MAX_VALUE;
                float max = -Float.MAX_VALUE;
                for (int i = 0; i < in * k * k; i++) {
                    min = Math.min(min, weight[o * in * k * k + i]);
                    max = Math.max(max, weight[o * in * k * k + i]);
                }
                float range = max > min ? max - min : 1;
                int x0 = GAP + (o % PER_ROW) * cell;
                int y0 = CAPTION + GAP + (o / PER_ROW) * cell;
                for (int y = 0; y < k; y++) {
                    for (int x = 0; x < k; x++) {
                        int[] rgb = new int[3];
                        for (int c = 0; c < 3; c++) {
                            int channel = in == 3 ? c : 0;
                            float v = weight[((o * in + channel) * k + y) * k + x];
                            rgb[c] = Math.round(255 * (v - min) / range);
                        }
                        g.setColor(new Color(rgb[0], rgb[1], rgb[2]));
                        g.fillRect(x0 + x * SCALE, y0 + y * SCALE, SCALE, SCALE);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
