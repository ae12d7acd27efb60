package org.fabricsim.cli.sweep;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.fabricsim.results.CsvFiles;

/**
 * Builds sweep.csv from the replications.csv of every point directory: per point, system, metric and
 * stat, the mean over replications and the half-width of its 95% confidence interval (Student t with
 * n - 1 degrees of freedom: t(0.975, n-1) * s / sqrt(n); NaN for one replication). Rows in point order,
 * so the file depends only on the point directories, not on which engine or how many jobs made them.
 */
public final class SweepCsv {
    /** Two-sided confidence level of ci95_half_width. */
    public static final double CONFIDENCE = 0.95;

    private SweepCsv() {
    }

    /** Mean and 95% CI half-width of the non-NaN values; n is how many there were. */
    public record Estimate(double mean, double ci95HalfWidth, long n) {
        public static Estimate of(List<Double> values) {
            SummaryStatistics s = new SummaryStatistics();
            values.stream().filter(v -> !Double.isNaN(v)).forEach(s::addValue);
            long n = s.getN();
            if (n == 0) {
                return new Estimate(Double.NaN, Double.NaN, 0);
            }
            double half = Double.NaN;
            if (n > 1) {
                double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - CONFIDENCE) / 2);
                half = t * s.getStandardDeviation() / Math.sqrt(n);
            }
            return new Estimate(s.getMean(), half, n);
        }
    }

    /** Writes {@code sweepDir/sweep.csv} (replacing it by rename) from every point's replications.csv. */
    public static void write(Path sweepDir, SweepPlan plan) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true).addColumn("point");
        plan.parameters().forEach(b::addColumn);
        SweepPlan.FIXED_COLUMNS.forEach(b::addColumn);
        Path tmp = sweepDir.resolve(".sweep.csv.partial-" + ProcessHandle.current().pid());
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(b.build()).writeValues(w)) {
            for (SweepPoint p : plan.points()) {
                Path reps = SweepPlan.pointDir(sweepDir, p).resolve("replications.csv");
                if (!Files.exists(reps)) {
                    throw new IOException(reps + ": missing; the point has not run");
                }
                for (var e : group(ReplicationsCsv.read(reps)).entrySet()) {
                    ReplicationsCsv.Row first = e.getValue().get(0);
                    List<Double> values = new ArrayList<>();
                    e.getValue().forEach(r -> values.add(r.value()));
                    Estimate est = Estimate.of(values);
                    List<Object> row = new ArrayList<>();
                    row.add(p.index());
                    row.addAll(p.values());
                    row.add(first.system());
                    row.add(first.metric());
                    row.add(first.stat());
                    row.add(est.mean());
                    row.add(est.ci95HalfWidth());
                    row.add(est.n());
                    row.add(first.unit());
                    out.write(row.toArray());
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Path target = sweepDir.resolve("sweep.csv");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Rows grouped by (system, metric, stat), in order of first appearance. */
    private static Map<String, List<ReplicationsCsv.Row>> group(List<ReplicationsCsv.Row> rows) {
        Map<String, List<ReplicationsCsv.Row>> g = new LinkedHashMap<>();
        for (ReplicationsCsv.Row r : rows) {
            g.computeIfAbsent(r.system() + '\u0000' + r.metric() + '\u0000' + r.stat(), k -> new ArrayList<>()).add(r);
        }
        return g;
    }
}
