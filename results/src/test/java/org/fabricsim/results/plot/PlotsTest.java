package org.fabricsim.results.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @TempDir
    Path tmp;

    private static void assertImages(List<Path> files, int count) throws Exception {
        assertEquals(count, files.size());
        for (Path p : files) {
            byte[] b = Files.readAllBytes(p);
            if (p.toString().endsWith(".png")) {
                assertArrayEquals(PNG_MAGIC, Arrays.copyOf(b, 4), p.toString());
            } else {
                assertTrue(new String(b, java.nio.charset.StandardCharsets.UTF_8).contains("<svg"), p.toString());
            }
        }
    }

    @Test
    void runFigures_twoSystems_cdfPngAndSvg() throws Exception {
        Files.writeString(tmp.resolve("requests.csv"), """
                system,replication,request_id,arrival_s,prompt_tokens,output_tokens,ttft_s,tpot_s,e2e_s,output_tokens_per_s
                a,0,0,0.0,8,2,0.01,0.002,0.012,500.0
                b,0,0,0.0,8,2,0.02,0.004,0.024,250.0
                """);
        Files.writeString(tmp.resolve("tokens.csv"), """
                system,replication,request_id,token_index,arrival_s,emit_s,latency_s
                a,0,0,0,0.0,0.01,0.01
                a,0,0,1,0.0,0.012,0.002
                b,0,0,0,0.0,0.02,0.02
                b,0,0,1,0.0,0.024,0.004
                """);
        assertImages(Plots.runFigures(tmp, tmp.resolve("fig")), 6);
        assertTrue(Files.exists(tmp.resolve("fig/itl-cdf.svg")));
        assertTrue(Files.exists(tmp.resolve("fig/gap-cdf.png")));
    }

    @Test
    void column_itlSkipsFirstTokens() throws Exception {
        Files.writeString(tmp.resolve("tokens.csv"), """
                system,replication,request_id,token_index,arrival_s,emit_s,latency_s
                a,0,0,0,0.0,0.01,0.01
                a,0,0,1,0.0,0.012,0.002
                a,0,0,2,0.0,0.015,0.003
                """);
        Map<String, double[]> itl = Plots.column(tmp.resolve("tokens.csv"), "latency_s", "token_index");
        assertArrayEquals(new double[] {0.002, 0.003}, itl.get("a"));
    }

    private void sweepCsv(String firstValue) throws Exception {
        StringBuilder sb = new StringBuilder("point,rate,batch,system,metric,stat,mean,ci95_half_width,n,unit\n");
        int point = 0;
        for (String rate : List.of(firstValue, "2")) {
            for (String batch : List.of("4", "8")) {
                for (String m : List.of("output_tokens_per_s", "ttft_s", "itl_s")) {
                    for (String stat : List.of("p50", "p99")) {
                        sb.append(point).append(',').append(rate).append(',').append(batch)
                                .append(",s,").append(m).append(',').append(stat).append(",1.5,NaN,1,x\n");
                    }
                }
                point++;
            }
        }
        Files.writeString(tmp.resolve("sweep.csv"), sb.toString());
    }

    @Test
    void sweepFigures_namedAxis_threeFiguresInTwoFormats() throws Exception {
        sweepCsv("1");
        List<Path> files = Plots.sweepFigures(tmp, tmp.resolve("fig"), "batch", "p50");
        assertImages(files, 6); // no gap figure: this sweep.csv has no emission_gap_s rows
        assertTrue(Files.exists(tmp.resolve("fig/tokens-per-user-vs-batch.png")));
        assertTrue(Files.exists(tmp.resolve("fig/ttft-vs-batch.svg")));
    }

    @Test
    void sweepFigures_unknownAxis_explains() throws Exception {
        sweepCsv("1");
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.sweepFigures(tmp, tmp.resolve("f"), "load", "p50"));
        assertTrue(e.getMessage().contains("not a parameter of this sweep; parameters: [rate, batch]"), e.getMessage());
    }

    @Test
    void sweepFigures_unknownSpeedStat_refusedNamingTheStats_nothingWritten() throws Exception {
        sweepCsv("1");
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.sweepFigures(tmp, tmp.resolve("f"), null, "p42"));
        assertTrue(e.getMessage().contains("'p42'") && e.getMessage().contains("mean, p50, p90, p99, p999, max"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("f")));
    }

    /** A sweep.csv with one axis and the given (metric, stat) -> values per axis value, one system. */
    private CsvTable sweep(String axis, List<String> values, Map<String, double[]> series) throws Exception {
        StringBuilder sb = new StringBuilder("point," + axis + ",system,metric,stat,mean,ci95_half_width,n,unit\n");
        for (int i = 0; i < values.size(); i++) {
            for (var e : series.entrySet()) {
                String[] ms = e.getKey().split("/");
                sb.append(i).append(',').append(values.get(i)).append(",s,").append(ms[0]).append(',').append(ms[1])
                        .append(',').append(e.getValue()[i]).append(",0.1,3,s\n");
            }
        }
        Files.writeString(tmp.resolve("sweep.csv"), sb.toString());
        return CsvTable.read(tmp.resolve("sweep.csv"));
    }

    private static Map<String, double[]> latencies(double[] ttft) {
        Map<String, double[]> m = new java.util.LinkedHashMap<>();
        m.put("output_tokens_per_s/p50", new double[] {200, 190});
        m.put("ttft_s/p50", ttft);
        m.put("ttft_s/p99", new double[] {ttft[0] * 2, ttft[1] * 2});
        m.put("itl_s/p50", new double[] {0.004, 0.005});
        m.put("itl_s/p99", new double[] {0.006, 0.008});
        return m;
    }

    @Test
    void sweepCharts_logYWhereTheValuesSpanMoreThanADecade_linearOtherwise() throws Exception {
        var f = Plots.sweepCharts(sweep("rate", List.of("1", "16"), latencies(new double[] {0.01, 8.0})), tmp, null, "p50");
        assertTrue(f.get("ttft-vs-rate").chart().getStyler().isYAxisLogarithmic());
        assertFalse(f.get("itl-vs-rate").chart().getStyler().isYAxisLogarithmic());
        assertFalse(f.get("tokens-per-user-vs-rate").chart().getStyler().isYAxisLogarithmic());
        var g = Plots.sweepCharts(sweep("rate", List.of("1", "16"), latencies(new double[] {0.01, 0.02})), tmp, null, "p50");
        assertFalse(g.get("ttft-vs-rate").chart().getStyler().isYAxisLogarithmic());
    }

    @Test
    void sweepCharts_p50Solid_p99Dashed_sameColourPerSeries() throws Exception {
        var f = Plots.sweepCharts(sweep("rate", List.of("1", "2"), latencies(new double[] {0.01, 0.02})), tmp, null, "p50");
        var series = f.get("ttft-vs-rate").chart().getSeriesMap();
        var p50 = series.get("s p50");
        var p99 = series.get("s p99");
        assertEquals(SeriesLines.SOLID, p50.getLineStyle());
        assertEquals(SeriesLines.DASH_DASH, p99.getLineStyle());
        assertEquals(p50.getLineColor(), p99.getLineColor());
    }

    @Test
    void sweepCharts_categoricalAxis_drawsItsValuesInSweepOrder() throws Exception {
        var f = Plots.sweepCharts(sweep("gpu", List.of("h200", "h100"), latencies(new double[] {0.01, 0.02})), tmp, null, "p50");
        XYChart c = f.get("tokens-per-user-vs-gpu").chart();
        var s = c.getSeriesMap().get("s");
        assertArrayEquals(new double[] {0, 1}, s.getXData());
        var label = c.getStyler().getxAxisTickLabelsFormattingFunction();
        List<String> labels = List.of(label.apply(0.0), label.apply(1.0), label.apply(0.5));
        assertEquals(List.of("h200", "h100", " "), labels);
        assertImages(Plots.sweepFigures(tmp, tmp.resolve("fig"), "gpu", "p50"), 6);
    }

    /** Twenty systems: the plot area keeps its height (the legend grows the image), so the 0..1 axis shows 1.0. */
    @Test
    void cdf_manySystems_legendDoesNotSwallowThePlot_andOneIsATick() throws Exception {
        Figure f = new Figure("t", "x", "fraction");
        f.fractionAxis();
        for (int s = 0; s < 20; s++) {
            f.line("system " + s, new double[] {1, 2, 3}, new double[] {0.1, 0.5, 1.0});
        }
        XYChart c = f.chart();
        List<Double> ticks = new ArrayList<>();
        c.setCustomYAxisTickLabelsFormatter(v -> {
            ticks.add(v);
            return String.valueOf(v);
        });
        BitmapEncoder.getBufferedImage(c);
        double plotPixels = c.getScreenYFromChart(0.0) - c.getScreenYFromChart(1.0);
        assertTrue(plotPixels > 350, "plot area " + plotPixels + " px of " + c.getHeight());
        assertTrue(ticks.contains(1.0), "y ticks " + ticks);
    }
}
