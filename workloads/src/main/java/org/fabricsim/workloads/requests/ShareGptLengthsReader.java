package org.fabricsim.workloads.requests;


/**
 * ShareGPT request lengths in the Sarathi-Serve / Vidur format: CSV with header including
 * num_prefill_tokens and num_decode_tokens (other columns ignored). No timestamps: the rows are
 * paired with a synthetic arrival process.
 */
public final class ShareGptLengthsReader extends CsvTraceReader {

    public ShareGptLengthsReader() {
        super("ShareGPT lengths", PREFILL, DECODE);
    }
    static final String PREFILL = "num_prefill_tokens";
    static final String DECODE = "num_decode_tokens";


    @Override
    public boolean hasTimestamps() {
        return false;
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        String[] f = fields(line);
        addRow(out, Double.NaN, PREFILL, tokens(PREFILL, f[0]), tokens(DECODE, f[1]));
    }

}
