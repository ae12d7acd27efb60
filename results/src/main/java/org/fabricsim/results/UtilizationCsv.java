package org.fabricsim.results;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fabricsim.fabric.api.LinkUsage;

/**
 * Writer of utilization.csv: per system, replication and resource class (mesh links, SRAM ports, HBM,
 * NVLink, InfiniBand), how busy the hardware was, so architects see where the time went. A system
 * whose hardware reports no resource classes (the roofline kind) contributes no rows.
 */
public final class UtilizationCsv {
    /** Column names; part of the output contract (docs/outputs.md). */
    public static final List<String> COLUMNS = List.of("system", "replication", "resource_class", "links", "busy_fraction",
            "mean_utilization", "peak_utilization", "mean_concurrent_flows", "bytes_carried");

    /** One resource class of one system in one replication. */
    public record Row(String system, int replication, LinkUsage usage) {
        public Row {
            if (system == null || usage == null) {
                throw new IllegalArgumentException("system and usage: required, got " + system + ", " + usage);
            }
            if (replication < 0) {
                throw new IllegalArgumentException("replication: must be >= 0, got " + replication);
            }
        }
    }

    private UtilizationCsv() {
    }

    /** Writes the rows in the order given (the runner's: replication, system, class). */
    public static void write(Path file, List<Row> rows) throws IOException {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(b::addColumn);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(b.build()).writeValues(w)) {
            for (Row r : rows) {
                LinkUsage u = r.usage();
                out.write(new Object[] {r.system(), r.replication(), u.linkClass(), u.links(), u.busyFraction(),
                    u.meanUtilization(), u.peakUtilization(), u.meanConcurrentFlows(), u.bytesCarried()});
            }
        }
    }
}
