package org.fabricsim.workloads.requests;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * Azure LLM inference trace 2023/2024 (Patel et al., Splitwise, ISCA 2024): CSV with header
 * TIMESTAMP ("2023-11-16 18:17:03.9799600", wall clock, no zone), ContextTokens, GeneratedTokens.
 * Columns are found by name, in any order. One instance reads one file.
 */
public final class AzureTraceReader extends CsvTraceReader {

    public AzureTraceReader() {
        super("Azure LLM trace", TIMESTAMP, CONTEXT, GENERATED);
    }
    static final String TIMESTAMP = "TIMESTAMP";
    static final String CONTEXT = "ContextTokens";
    static final String GENERATED = "GeneratedTokens";
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    private long baseEpochS = Long.MIN_VALUE;

    @Override
    public boolean hasTimestamps() {
        return true;
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        String[] f = fields(line);
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(f[0], TIME);
        } catch (DateTimeParseException e) {
            throw new BadLine(TIMESTAMP + ": '" + abbreviate(f[0])
                    + "' is not a time like 2023-11-16 18:17:03.9799600");
        }
        long epochS = t.toEpochSecond(ZoneOffset.UTC);
        if (baseEpochS == Long.MIN_VALUE) {
            baseEpochS = epochS; // seconds kept relative to the first row, so a double keeps the 100 ns digits
        }
        double timeS = (epochS - baseEpochS) + t.getNano() * 1e-9;
        addRow(out, timeS, CONTEXT, tokens(CONTEXT, f[1]), tokens(GENERATED, f[2]));
    }

}
