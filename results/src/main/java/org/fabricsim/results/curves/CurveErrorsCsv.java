package org.fabricsim.results.curves;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;
import org.fabricsim.results.CsvFiles;

/** The per-point errors of {@code fabricsim validate-curves}, one row per published figure (docs/outputs.md). */
public final class CurveErrorsCsv {
    public static final List<String> COLUMNS = List.of("dataset", "point", "metric", "grade", "published", "simulated",
            "unit", "error", "headline", "headline_error", "fitted_by", "out_of_sample");

    private CurveErrorsCsv() {
    }

    /** A load point as {@code concurrency=8;isl=128}, in the curve file's column order; {@code -} for a run's one point. */
    public static String pointLabel(PublishedPoint p) {
        return p.key().isEmpty() ? "-"
                : p.key().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    /** Writes {@code file} whole or not at all (a partial file is renamed into place only once complete). */
    public static void write(Path file, List<CurveComparison.PointError> errors) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(b::addColumn);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(b.build()).writeValues(w)) {
            for (CurveComparison.PointError e : errors) {
                PublishedPoint p = e.point();
                CurveMetric.Headline h = p.metric().headline();
                out.write(new Object[] {p.dataset(), pointLabel(p), p.metric().key(), String.valueOf(p.grade()),
                    p.published(), e.simulated(), p.unit(), e.error(), h == CurveMetric.Headline.NONE ? "" : h.label(),
                    h == CurveMetric.Headline.NONE ? "" : e.headlineError(), p.fittedBy(), e.outOfSample()});
            }
        } catch (IOException | RuntimeException ex) {
            Files.deleteIfExists(tmp);
            throw ex;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
