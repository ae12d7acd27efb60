package org.fabricsim.cli.sweep;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.results.CsvFiles;
import org.fabricsim.results.RunAnalysis;
import org.fabricsim.results.Summary;
import org.fabricsim.results.SummaryRow;

/**
 * replications.csv of a run directory: summary.csv's rows computed for each replication on its own
 * (columns system, replication, metric, stat, value, unit), the per-replication values sweep.csv
 * averages and puts confidence intervals on.
 */
public final class ReplicationsCsv {
    public static final List<String> COLUMNS = List.of("system", "replication", "metric", "stat", "value", "unit");

    /** A row of replications.csv. */
    public record Row(String system, int replication, String metric, String stat, double value, String unit) {
    }

    private ReplicationsCsv() {
    }

    private static CsvSchema schema() {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(b::addColumn);
        return b.build();
    }

    /** Writes one Summary per (replication, system) analysis, in the list's order. */
    public static void write(Path file, List<RunAnalysis> runs, org.fabricsim.results.Slo slo) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(schema()).writeValues(w)) {
            for (RunAnalysis a : runs) {
                Summary s = new Summary(slo);
                s.add(a);
                for (SummaryRow r : s.rows()) {
                    Object value = r.stat().equals("count") ? (Object) (long) r.value() : (Object) r.value();
                    out.write(new Object[] {r.system(), a.replication(), r.metric(), r.stat(), value, r.unit()});
                }
            }
        }
    }

    /** Reads a replications.csv back; "NaN" values read as NaN. */
    public static List<Row> read(Path file) throws IOException {
        CsvMapper m = new CsvMapper();
        m.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = m.readerFor(String[].class).with(CsvSchema.emptySchema().withSkipFirstDataRow(true))
                .readValues(file.toFile())) {
            while (it.hasNext()) {
                String[] f = it.next();
                if (f.length != COLUMNS.size()) {
                    throw new IOException(file + ": a row has " + f.length + " fields, expected " + COLUMNS.size());
                }
                rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], f[3], Double.parseDouble(f[4]), f[5]));
            }
        }
        return rows;
    }
}
