package io.switchboard.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of horizontal bar panels, one per measure (throughput, latency…), one bar per server with its min–max
 * range; drawn with Java 2D (headless), so the bench needs no charting library.
 */
public final class Chart {
    private static final int WIDTH = 1100;
    private static final int BAR = 22;
    private static final Color SWITCHBOARD = new Color(0x2E7D32);
    private static final Color PEER = new Color(0x78909C);

    /** One bar: a server's median and range. */
    public record Bar(String label, double median, double min, double max, boolean highlight) {
    }

    /** One panel: a title, a unit and its bars. */
    public record Panel(String title, String unit, List<Bar> bars) {
    }

    private Chart() {
    }

    public static void write(Path file, String title, List<Panel> panels) throws IOException {
        int height = 60;
        for (Panel p : panels) {
            height += 40 + p.bars().size() * (BAR + 8) + 10;
        }
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, 20, 32);
        int y = 60;
        for (Panel panel : panels) {
            y = draw(g, panel, y);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static int draw(Graphics2D g, Panel panel, int y) {
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(panel.title() + " (" + panel.unit() + ")", 20, y + 20);
        y += 32;
        double top = 0;
        for (Bar b : panel.bars()) {
            top = Math.max(top, Double.isNaN(b.max()) ? b.median() : b.max());
        }
        int left = 190;
        int span = WIDTH - left - 170;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (Bar b : new ArrayList<>(panel.bars())) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(b.label(), 20, y + 16);
            int w = top <= 0 ? 0 : (int) Math.round(span * b.median() / top);
            g.setColor(b.highlight() ? SWITCHBOARD : PEER);
            g.fillRect(left, y, Math.max(1, w), BAR);
            if (!Double.isNaN(b.min()) && top > 0) {
                int x0 = left + (int) Math.round(span * b.min() / top);
                int x1 = left + (int) Math.round(span * b.max() / top);
                g.setColor(Color.BLACK);
                g.setStroke(new BasicStroke(1.5f));
                g.drawLine(x0, y + BAR / 2, x1, y + BAR / 2);
                g.drawLine(x0, y + 5, x0, y + BAR - 5);
                g.drawLine(x1, y + 5, x1, y + BAR - 5);
            }
            g.setColor(Color.BLACK);
            g.drawString(format(b.median()), left + Math.max(1, w) + 8, y + 16);
            y += BAR + 8;
        }
        return y + 10;
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }
}
