package org.fabricsim.cli.bench;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fabricsim.results.CsvFiles;

/** Writes bench.csv: a header {@code benchmark,parameter,value,unit} and one line per row, quoted where CSV needs. */
public final class BenchCsv {
    public static final List<String> COLUMNS = List.of("benchmark", "parameter", "value", "unit");

    private BenchCsv() {
    }

    public static void write(Path file, List<BenchRow> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                SequenceWriter out = CsvFiles.mapper().writer(schema.build()).writeValues(w)) {
            for (BenchRow r : rows) {
                out.write(new Object[] {r.benchmark(), r.parameter(), r.value(), r.unit()});
            }
        }
    }
}
