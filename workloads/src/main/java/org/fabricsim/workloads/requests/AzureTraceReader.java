package org.fabricsim.workloads.requests;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.List;

/**
 * Azure LLM inference trace 2023/2024 (Patel et al., Splitwise, ISCA 2024): CSV with header
 * TIMESTAMP ("2023-11-16 18:17:03.9799600", wall clock, no zone), ContextTokens, GeneratedTokens.
 * Columns are found by name, in any order. One instance reads one file.
 */
public final class AzureTraceReader extends TraceReader {
    static final String TIMESTAMP = "TIMESTAMP";
    static final String CONTEXT = "ContextTokens";
    static final String GENERATED = "GeneratedTokens";
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral(' ').appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().toFormatter();

    private int timeCol = -1;
    private int contextCol = -1;
    private int generatedCol = -1;
    private int columns;
    private long baseEpochS = Long.MIN_VALUE;

    @Override
    public boolean hasTimestamps() {
        return true;
    }

    @Override
    boolean hasHeader() {
        return true;
    }

    @Override
    void header(String line) throws BadLine {
        List<String> names = Arrays.stream(csvFields(line)).map(String::trim).toList();
        timeCol = names.indexOf(TIMESTAMP);
        contextCol = names.indexOf(CONTEXT);
        generatedCol = names.indexOf(GENERATED);
        columns = names.size();
        if (timeCol < 0 || contextCol < 0 || generatedCol < 0) {
            throw new BadLine("header must name the columns " + TIMESTAMP + ", " + CONTEXT + ", " + GENERATED
                    + " (Azure LLM trace), got " + names);
        }
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        String[] f = csvFields(line);
        if (f.length != columns) {
            throw new BadLine("expected " + columns + " fields, got " + f.length);
        }
        LocalDateTime t;
        try {
            t = LocalDateTime.parse(f[timeCol].trim(), TIME);
        } catch (DateTimeParseException e) {
            throw new BadLine(TIMESTAMP + ": '" + abbreviate(f[timeCol].trim())
                    + "' is not a time like 2023-11-16 18:17:03.9799600");
        }
        long epochS = t.toEpochSecond(ZoneOffset.UTC);
        if (baseEpochS == Long.MIN_VALUE) {
            baseEpochS = epochS; // seconds kept relative to the first row, so a double keeps the 100 ns digits
        }
        double timeS = (epochS - baseEpochS) + t.getNano() * 1e-9;
        addRow(out, timeS, CONTEXT, tokens(CONTEXT, f[contextCol]), tokens(GENERATED, f[generatedCol]));
    }

}
