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
 * range, or of line panels over time (the soak); drawn with Java 2D (headless), so the bench needs no charting
 * library.
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

    /** One line over time: x in seconds, y in the panel's unit (NaN: no point). */
    public record Series(String label, Color color, double[] x, double[] y) {
    }

    /**
     * One panel of lines over time, with an optional goal drawn as a dashed line (NaN: none), on a linear axis from
     * 0 or a logarithmic one (latencies, where a few seconds of trouble would flatten milliseconds to nothing).
     */
    public record LinePanel(String title, String unit, List<Series> series, double goal, String goalLabel,
                            boolean log) {
    }

    private static final int LINE_PANEL = 230;

    private Chart() {
    }

    /** Panels of lines sharing one time axis (minutes). */
    public static void writeLines(Path file, String title, List<LinePanel> panels) throws IOException {
        int height = 60 + panels.size() * (LINE_PANEL + 50);
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
        double xMax = 0;
        for (LinePanel p : panels) {
            for (Series s : p.series()) {
                for (double x : s.x()) {
                    xMax = Math.max(xMax, x);
                }
            }
        }
        int y = 60;
        for (LinePanel panel : panels) {
            drawLines(g, panel, y, Math.max(1, xMax));
            y += LINE_PANEL + 50;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void drawLines(Graphics2D g, LinePanel panel, int top, double xMax) {
        int left = 80;
        int right = WIDTH - 30;
        int plotTop = top + 28;
        int bottom = top + 28 + LINE_PANEL - 40;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(panel.title() + " (" + panel.unit() + ")", 20, top + 16);
        double yMax = Double.isNaN(panel.goal()) ? 0 : panel.goal() * 1.1;
        double yMin = Double.POSITIVE_INFINITY;
        for (Series s : panel.series()) {
            for (double v : s.y()) {
                if (!Double.isNaN(v)) {
                    yMax = Math.max(yMax, v);
                    if (v > 0) {
                        yMin = Math.min(yMin, v);
                    }
                }
            }
        }
        Axis axis;
        if (panel.log()) {
            double lo = Math.pow(10, Math.floor(Math.log10(Double.isInfinite(yMin) ? 1 : yMin)));
            double hi = Math.pow(10, Math.ceil(Math.log10(Math.max(yMax, lo * 10))));
            axis = new Axis(lo, hi, true);
        } else {
            double step = niceStep(yMax <= 0 ? 1 : yMax, 5);
            axis = new Axis(0, Math.max(step, Math.ceil(yMax / step) * step), false);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double v : axis.ticks()) {
            int py = axis.y(v, plotTop, bottom);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(left, py, right, py);
            g.setColor(Color.DARK_GRAY);
            String label = axis(v);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        double minutes = xMax / 60;
        double xStep = niceStep(minutes, 10);
        for (double v = 0; v <= minutes + 1e-9; v += xStep) {
            int px = left + (int) Math.round((right - left) * v / minutes);
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(px, plotTop, px, bottom);
            g.setColor(Color.DARK_GRAY);
            String label = axis(v) + " min";
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, bottom + 16);
        }
        g.setColor(Color.GRAY);
        g.drawRect(left, plotTop, right - left, bottom - plotTop);
        if (!Double.isNaN(panel.goal())) {
            int py = axis.y(panel.goal(), plotTop, bottom);
            g.setColor(new Color(0xC62828));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4},
                    0));
            g.drawLine(left, py, right, py);
            g.drawString(panel.goalLabel(), right - 8 - g.getFontMetrics().stringWidth(panel.goalLabel()), py - 4);
        }
        int legendX = left + 10;
        for (Series s : panel.series()) {
            g.setColor(s.color());
            g.setStroke(new BasicStroke(2f));
            int prevX = -1;
            int prevY = -1;
            for (int i = 0; i < s.x().length; i++) {
                if (Double.isNaN(s.y()[i]) || Double.isNaN(s.x()[i]) || (axis.log() && s.y()[i] <= 0)) {
                    prevX = -1;
                    continue;
                }
                int px = left + (int) Math.round((right - left) * s.x()[i] / xMax);
                int py = axis.y(s.y()[i], plotTop, bottom);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                if (s.x().length < 60) {
                    g.fillOval(px - 3, py - 3, 6, 6);
                }
                prevX = px;
                prevY = py;
            }
            g.fillRect(legendX, plotTop + 8, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.label(), legendX + 18, plotTop + 14);
            legendX += 30 + g.getFontMetrics().stringWidth(s.label());
        }
        g.setStroke(new BasicStroke(1f));
    }

    /** A vertical axis, linear or logarithmic (base 10). */
    private record Axis(double min, double max, boolean log) {
        int y(double v, int top, int bottom) {
            double f = log ? (Math.log10(Math.max(v, min)) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                    : (Math.min(v, max) - min) / (max - min);
            return bottom - (int) Math.round((bottom - top) * Math.min(1, Math.max(0, f)));
        }

        List<Double> ticks() {
            List<Double> out = new ArrayList<>();
            if (log) {
                for (double v = min; v <= max * 1.0001; v *= 10) {
                    out.add(v);
                }
            } else {
                double step = niceStep(max, 5);
                for (double v = 0; v <= max + step / 2; v += step) {
                    out.add(v);
                }
            }
            return out;
        }
    }

    /** An axis label: no needless decimals. */
    static String axis(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.3f", v)).stripTrailingZeros().toPlainString();
    }

    /** A step of 1, 2 or 5 × 10ⁿ that cuts {@code range} into about {@code parts}. */
    static double niceStep(double range, int parts) {
        double raw = range / parts;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
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
