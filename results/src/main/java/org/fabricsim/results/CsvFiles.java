package org.fabricsim.results;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writers of tokens.csv, requests.csv and summary.csv (column names are the output contract,
 * see docs/outputs.md), Jackson CSV underneath. Token and request rows stream through {@link StreamingOutput}.
 */
public final class CsvFiles {
    public static final List<String> TOKEN_COLUMNS =
            List.of("system", "replication", "request_id", "token_index", "arrival_s", "emit_s", "latency_s");
    public static final List<String> REQUEST_COLUMNS = List.of("system", "replication", "request_id", "arrival_s",
            "prompt_tokens", "output_tokens", "ttft_s", "tpot_s", "e2e_s", "output_tokens_per_s");
    public static final List<String> SUMMARY_COLUMNS = List.of("system", "metric", "stat", "value", "unit");

    /**
     * Quotes a value only where CSV needs it. Jackson's default quotes every string longer than 24
     * characters, so one column mixed quoted and bare system names.
     */
    private static final CsvMapper MAPPER = new CsvMapper().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING);

    private CsvFiles() {
    }

    /** The mapper every fabricsim CSV is written with. */
    public static CsvMapper mapper() {
        return MAPPER;
    }

    private static CsvSchema schema(List<String> columns) {
        CsvSchema.Builder b = CsvSchema.builder().setUseHeader(true);
        columns.forEach(b::addColumn);
        return b.build();
    }

    private static SequenceWriter open(Path file, List<String> columns) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return MAPPER.writer(schema(columns)).writeValues(w);
    }

    /** A writer of rows under {@code columns}, with the header line first when {@code header}. */
    static SequenceWriter openRows(Path file, List<String> columns, boolean header) throws IOException {
        CsvSchema schema = schema(columns);
        BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return MAPPER.writer(header ? schema : schema.withoutHeader()).writeValues(w);
    }

    /** summary.csv: tidy rows system, metric, stat, value, unit. */
    public static void writeSummary(Path file, Summary summary) throws IOException {
        try (SequenceWriter out = open(file, SUMMARY_COLUMNS)) {
            for (SummaryRow r : summary.rows()) {
                Object value = r.stat().equals("count") ? (Object) (long) r.value() : (Object) r.value();
                out.write(new Object[] {r.system(), r.metric(), r.stat(), value, r.unit()});
            }
        }
    }
}
