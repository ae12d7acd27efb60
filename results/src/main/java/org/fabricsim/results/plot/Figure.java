package org.fabricsim.results.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * An XY chart with fabricsim's look, saved as PNG and SVG side by side. Series are collected first and the chart is
 * built from all of them, so its height grows with the legend (the plot area keeps its size), the y axis turns
 * logarithmic when its values span more than a decade, and series that differ only in percentile share a colour.
 */
final class Figure {
    static final int WIDTH = 800;
    static final int HEIGHT = 560;
    /** Height of one legend entry, pixels (XChart's default legend font and padding). */
    static final int LEGEND_ROW = 21;

    private static final Color[] PALETTE = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
        new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
        new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    private record Series(String name, String group, String stat, double[] x, double[] y, double[] err) {
    }

    private final String title;
    private final String xTitle;
    private final String yTitle;
    private final List<Series> series = new ArrayList<>();
    private boolean fraction;
    private boolean allowLogY;
    private List<String> categories;
    private XYChart chart;

    Figure(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
    }

    /** A y axis of fractions 0..1 (CDFs); the plot area keeps its height, so the ticks (tenths) include 1.0. */
    void fractionAxis() {
        fraction = true;
    }

    /** Lets the y axis turn logarithmic when its values span more than a decade (latency under overload). */
    void logYWhereWide() {
        allowLogY = true;
    }

    /** An x axis of named categories drawn at 0, 1, 2, ... (a swept axis with values such as h100, h200). */
    void categoricalX(List<String> names) {
        categories = List.copyOf(names);
    }

    /** A line without markers (CDFs). */
    void line(String name, double[] x, double[] y) {
        series.add(new Series(name, name, null, x, y, null));
    }

    /**
     * A line with markers and symmetric error bars (NaN half-widths drawn as none). Series of one {@code group}
     * share a colour; the {@code stat} (p50, p99, ...) picks the line style: p50 solid, p99 dashed, others dotted.
     */
    void points(String name, String group, String stat, double[] x, double[] y, double[] halfWidth) {
        double[] err = halfWidth.clone();
        for (int i = 0; i < err.length; i++) {
            err[i] = Double.isNaN(err[i]) ? 0 : err[i];
        }
        series.add(new Series(name, group, stat, x, y, err));
    }

    boolean isEmpty() {
        return series.isEmpty();
    }

    /**
     * Whether the values span more than a decade (largest over smallest, over all series: one series far below
     * another is flattened on a linear axis), with nothing at or below 0.
     */
    boolean spansDecade() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isNaN(v)) {
                    continue;
                }
                if (v <= 0) {
                    return false; // a log axis cannot show 0 (ITL of tokens emitted together)
                }
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return hi > 10 * lo;
    }

    /** The chart of every series added so far (built once; add no series after). */
    XYChart chart() {
        if (chart == null) {
            chart = build();
        }
        return chart;
    }

    private XYChart build() {
        int height = HEIGHT + LEGEND_ROW * Math.max(0, series.size() - 2);
        XYChart c = new XYChartBuilder().width(WIDTH).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
                .build();
        XYStyler s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        s.setErrorBarsColorSeriesColor(true);
        if (fraction) {
            s.setYAxisMin(0.0);
            s.setYAxisMax(1.0);
            s.setYAxisDecimalPattern("0.0");
        }
        boolean logY = allowLogY && spansDecade();
        s.setYAxisLogarithmic(logY);
        if (logY) {
            s.setYAxisDecimalPattern("#,##0.###");
        }
        if (categories != null) {
            Function<Double, String> label = v -> {
                long i = Math.round(v);
                return Math.abs(v - i) < 1e-9 && i >= 0 && i < categories.size() ? categories.get((int) i) : " ";
            };
            s.setxAxisTickLabelsFormattingFunction(label);
        }
        Map<String, Color> colours = new LinkedHashMap<>();
        for (Series d : series) {
            Color colour = colours.computeIfAbsent(d.group(), g -> PALETTE[colours.size() % PALETTE.length]);
            XYSeries x;
            if (d.err() == null) {
                x = c.addSeries(d.name(), d.x(), d.y());
                x.setMarker(SeriesMarkers.NONE);
            } else {
                x = c.addSeries(d.name(), d.x(), d.y(), logY ? clippedForLog(d.y(), d.err()) : d.err());
                x.setMarker(marker(d.stat()));
                x.setMarkerColor(colour);
            }
            x.setLineColor(colour);
            x.setLineStyle(lineStyle(d.stat()));
        }
        return c;
    }

    /** p50 (and a CDF) solid, p99 dashed, any other stat dotted. */
    static BasicStroke lineStyle(String stat) {
        if (stat == null || stat.equals("p50")) {
            return SeriesLines.SOLID;
        }
        return stat.equals("p99") ? SeriesLines.DASH_DASH : SeriesLines.DOT_DOT;
    }

    private static Marker marker(String stat) {
        return stat != null && stat.equals("p99") ? SeriesMarkers.SQUARE : SeriesMarkers.CIRCLE;
    }

    /**
     * Half-widths a log axis can draw (XChart refuses a bar reaching 0): a bar that would is cut to 0.9 of the value,
     * both halves, since bars are symmetric; sweep.csv keeps the true half-width.
     */
    private static double[] clippedForLog(double[] y, double[] err) {
        double[] e = err.clone();
        for (int i = 0; i < e.length; i++) {
            if (y[i] - e[i] <= 0) {
                e[i] = 0.9 * y[i];
            }
        }
        return e;
    }

    /** Writes {@code base}.png and {@code base}.svg; returns both paths. */
    List<Path> save(Path base) throws IOException {
        String b = base.toString();
        XYChart c = chart();
        BitmapEncoder.saveBitmap(c, b + ".png", BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(c, b + ".svg", VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        List<Path> out = new ArrayList<>();
        out.add(Path.of(b + ".png"));
        out.add(Path.of(b + ".svg"));
        return out;
    }
}
