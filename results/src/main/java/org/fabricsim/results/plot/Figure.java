package org.fabricsim.results.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** An XY chart with fabricsim's look, saved as PNG and SVG side by side. */
final class Figure {
    static final int WIDTH = 800;
    static final int HEIGHT = 560;

    private final XYChart chart;

    Figure(String title, String xTitle, String yTitle) {
        System.setProperty("java.awt.headless", "true");
        chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        XYStyler s = chart.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Vertical);
        s.setChartBackgroundColor(java.awt.Color.WHITE);
        s.setPlotGridLinesVisible(true);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
    }

    XYChart chart() {
        return chart;
    }

    /** A y axis of fractions 0..1 (CDFs). */
    void fractionAxis() {
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
    }

    /** A logarithmic y axis, for quantities spanning decades (latency under overload). */
    void logY() {
        chart.getStyler().setYAxisLogarithmic(true);
    }

    /** A line without markers (CDFs). */
    void line(String name, double[] x, double[] y) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.NONE);
    }

    /** A line with markers and symmetric error bars (NaN half-widths drawn as none). */
    void points(String name, double[] x, double[] y, double[] halfWidth) {
        double[] err = halfWidth.clone();
        for (int i = 0; i < err.length; i++) {
            err[i] = Double.isNaN(err[i]) ? 0 : err[i];
        }
        XYSeries s = chart.addSeries(name, x, y, err);
        s.setMarker(SeriesMarkers.CIRCLE);
    }

    /** Writes {@code base}.png and {@code base}.svg; returns both paths. */
    List<Path> save(Path base) throws IOException {
        String b = base.toString();
        BitmapEncoder.saveBitmap(chart, b + ".png", BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, b + ".svg", VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        List<Path> out = new ArrayList<>();
        out.add(Path.of(b + ".png"));
        out.add(Path.of(b + ".svg"));
        return out;
    }
}
