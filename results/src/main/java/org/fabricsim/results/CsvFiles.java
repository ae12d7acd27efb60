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
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.serving.TokenLog;

/**
 * Writers of tokens.csv, requests.csv and summary.csv (column names are the output contract,
 * see docs/outputs.md). One writer per file, Jackson CSV underneath.
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

    /** tokens.csv: one row per output token, by system, replication, request and token index. */
    public static void writeTokens(Path file, List<RunAnalysis> runs) throws IOException {
        try (SequenceWriter out = open(file, TOKEN_COLUMNS)) {
            Object[] row = new Object[TOKEN_COLUMNS.size()];
            for (RunAnalysis a : runs) {
                TokenLog log = a.run().tokens();
                List<Request> requests = a.run().requests();
                for (int j = 0; j < a.tokens(); j++) {
                    int i = a.tokenAt(j);
                    Request r = requests.get((int) log.requestId(i));
                    row[0] = a.run().system();
                    row[1] = a.run().replication();
                    row[2] = r.id();
                    row[3] = log.tokenIndex(i);
                    row[4] = r.arrivalS();
                    row[5] = log.emitS(i);
                    row[6] = a.latencyS(j);
                    out.write(row);
                }
            }
        }
    }

    /** requests.csv: one row per request. */
    public static void writeRequests(Path file, List<RunAnalysis> runs) throws IOException {
        try (SequenceWriter out = open(file, REQUEST_COLUMNS)) {
            for (RunAnalysis a : runs) {
                for (RequestMetrics m : a.requestMetrics()) {
                    out.write(new Object[] {m.system(), m.replication(), m.requestId(), m.arrivalS(), m.promptTokens(),
                        m.outputTokens(), m.ttftS(), m.tpotS(), m.e2eS(), m.outputTokensPerS()});
                }
            }
        }
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
