package org.fabricsim.workloads.requests;

import java.util.Arrays;
import java.util.List;

/**
 * ShareGPT request lengths in the Sarathi-Serve / Vidur format: CSV with header including
 * num_prefill_tokens and num_decode_tokens (other columns ignored). No timestamps: the rows are
 * paired with a synthetic arrival process.
 */
public final class ShareGptLengthsReader extends TraceReader {
    static final String PREFILL = "num_prefill_tokens";
    static final String DECODE = "num_decode_tokens";

    private int prefillCol = -1;
    private int decodeCol = -1;
    private int columns;

    @Override
    public boolean hasTimestamps() {
        return false;
    }

    @Override
    boolean hasHeader() {
        return true;
    }

    @Override
    void header(String line) throws BadLine {
        List<String> names = Arrays.stream(csvFields(line)).map(String::trim).toList();
        prefillCol = names.indexOf(PREFILL);
        decodeCol = names.indexOf(DECODE);
        columns = names.size();
        if (prefillCol < 0 || decodeCol < 0) {
            throw new BadLine("header must name the columns " + PREFILL + ", " + DECODE + " (ShareGPT lengths), got " + names);
        }
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        String[] f = csvFields(line);
        if (f.length != columns) {
            throw new BadLine("expected " + columns + " fields, got " + f.length);
        }
        addRow(out, Double.NaN, PREFILL, tokens(PREFILL, f[prefillCol]), tokens(DECODE, f[decodeCol]));
    }

}
