package org.fabricsim.results.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The figure of a search: every candidate deployment as a point, the non-dominated ones joined as the front. */
public final class ParetoFigure {
    private ParetoFigure() {
    }

    /** Writes {@code base}.png and .svg: candidates (x, y) and the front (frontX, frontY, sorted by x). */
    public static List<Path> save(Path base, String title, String xTitle, String yTitle, double[] x, double[] y,
            double[] frontX, double[] frontY) throws IOException {
        Figure f = new Figure(title, xTitle, yTitle);
        double[] noneFront = new double[frontX.length];
        java.util.Arrays.fill(noneFront, Double.NaN);
        f.points("Pareto front", "front", "p50", frontX, frontY, noneFront);
        // candidates as unjoined markers (their order means nothing), added to the chart the front was built in
        f.chart().addSeries("candidates", x, y).setXYSeriesRenderStyle(
                org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
        return f.save(base);
    }
}
