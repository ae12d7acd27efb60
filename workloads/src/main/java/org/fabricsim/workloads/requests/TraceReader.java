package org.fabricsim.workloads.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Streams a trace file line by line, counting line numbers, and hands each line to the format's
 * parser. A bad line stops the read with a {@link TraceFormatException} (file, line, reason), or is
 * counted and skipped when asked. A bad header is always fatal. Blank lines are ignored.
 */
public abstract class TraceReader {
    /** Most rows a trace may contribute: beyond this the request list would not fit in memory. */
    public static final int MAX_ROWS = WorkloadConfig.MAX_REQUESTS;
    private static final ObjectReader CSV_LINE = new CsvMapper().readerForArrayOf(String.class);

    /** A line this format cannot read; the reader adds file and line number. */
    static final class BadLine extends Exception {
        private static final long serialVersionUID = 1L;

        BadLine(String reason) {
            super(reason, null, false, false);
        }
    }

    /** The reader for a trace_format name. */
    public static TraceReader forFormat(String format) {
        return switch (format) {
            case "azure" -> new AzureTraceReader();
            case "mooncake" -> new MooncakeTraceReader();
            case "sharegpt" -> new ShareGptLengthsReader();
            case "burstgpt" -> new BurstGptTraceReader();
            default -> throw new IllegalArgumentException("trace.format: must be one of " + TraceConfig.FORMATS + ", got '"
                    + format + "'");
        };
    }

    /** True if the format records arrival times. */
    public abstract boolean hasTimestamps();

    /** Whether the format's files start with a header line. */
    abstract boolean hasHeader();

    /** Checks the header line; throws BadLine if it lacks a needed column. */
    void header(String line) throws BadLine {
    }

    /** Parses one data line and adds its row to {@code out}. */
    abstract void line(String line, TraceRows out) throws BadLine;

    /**
     * Reads at most {@code maxRows} rows of {@code file}.
     *
     * @throws TraceFormatException on the first bad line (unless skipBadLines), a bad header, or
     *                              more than MAX_ROWS rows
     * @throws IllegalArgumentException if the file cannot be read
     */
    public TraceRows read(Path file, boolean skipBadLines, int maxRows) {
        return read(file, skipBadLines, maxRows, Double.POSITIVE_INFINITY);
    }

    /**
     * Reads the rows of {@code file} up to {@code maxRows} rows and up to {@code maxSpanS} seconds
     * after the first row's timestamp (ignored for formats without timestamps).
     */
    public TraceRows read(Path file, boolean skipBadLines, int maxRows, double maxSpanS) {
        TraceRows rows = new TraceRows(file);
        long lineNo = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            boolean headerSeen = !hasHeader();
            String line;
            while (rows.size() < maxRows && (line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (!headerSeen) {
                    try {
                        header(line);
                    } catch (BadLine e) {
                        throw new TraceFormatException(file, lineNo, e.getMessage());
                    }
                    headerSeen = true;
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    throw new TraceFormatException(file, lineNo, "more than " + MAX_ROWS
                            + " rows; read fewer with max_requests or max_duration_s");
                }
                try {
                    line(line, rows);
                    int last = rows.size() - 1;
                    if (last > 0 && rows.timeS(last) - rows.timeS(0) > maxSpanS) {
                        rows.removeLast();
                        break;
                    }
                } catch (BadLine e) {
                    TraceFormatException t = new TraceFormatException(file, lineNo, e.getMessage());
                    if (!skipBadLines) {
                        throw t;
                    }
                    rows.skipped(t);
                }
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("trace.path: " + file + ": no such file");
        } catch (MalformedInputException e) {
            throw new TraceFormatException(file, lineNo + 1, "not UTF-8 text");
        } catch (IOException e) {
            throw new IllegalArgumentException("trace.path: " + file + ": cannot read: " + e.getMessage(), e);
        }
        if (rows.size() == 0) {
            throw new TraceFormatException(file, lineNo, "no request rows" + (rows.skippedLines() > 0
                    ? " (" + rows.skippedLines() + " bad lines skipped, first: " + rows.firstSkipped() + ")" : ""));
        }
        return rows;
    }

    /** Parses a token count field: a whole number >= 0 (JSON/CSV numbers like 12.0 are refused). */
    static int tokens(String column, String text) throws BadLine {
        String t = text.trim();
        int v;
        try {
            v = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new BadLine(column + ": '" + abbreviate(t) + "' is not a whole number");
        }
        return checkTokens(column, v);
    }

    static int checkTokens(String column, long v) throws BadLine {
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new BadLine(column + ": must be >= 0, got " + v);
        }
        return (int) v;
    }

    /** Adds a row after the length rules: prompt >= 1 or the line is bad; output 0 is raised to 1. */
    static void addRow(TraceRows out, double timeS, String promptColumn, int prompt, int output) throws BadLine {
        if (prompt < 1) {
            throw new BadLine(promptColumn + ": a request needs at least 1 prompt token, got " + prompt);
        }
        if (out.size() > 0 && timeS < out.timeS(out.size() - 1)) {
            throw new BadLine("timestamp " + timeS + " s is earlier than the previous row's " + out.timeS(out.size() - 1)
                    + " s, counted from the file's first row (rows must be in arrival order)");
        }
        if (output == 0) {
            out.raisedOutput();
            output = 1;
        }
        out.add(timeS, prompt, output);
    }

    /** Splits one CSV line (RFC 4180 quoting) with Jackson's CSV parser. */
    static String[] csvFields(String line) throws BadLine {
        try {
            String[] f = CSV_LINE.readValue(line);
            return f == null ? new String[0] : f;
        } catch (JsonProcessingException e) {
            throw new BadLine("not a CSV line: " + e.getOriginalMessage());
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
