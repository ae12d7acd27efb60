package org.fabricsim.workloads.requests;


/**
 * BurstGPT (Wang et al., arXiv:2401.17644; CC-BY 4.0): CSV with header including Timestamp
 * (seconds from trace start), Request tokens and Response tokens (Model, Total tokens, Log Type and
 * any other column ignored). Failed requests are recorded with 0 response tokens: they are raised to
 * 1 and counted, like every format's zero outputs.
 */
public final class BurstGptTraceReader extends CsvTraceReader {

    public BurstGptTraceReader() {
        super("BurstGPT", TIMESTAMP, REQUEST, RESPONSE);
    }
    static final String TIMESTAMP = "Timestamp";
    static final String REQUEST = "Request tokens";
    static final String RESPONSE = "Response tokens";


    @Override
    public boolean hasTimestamps() {
        return true;
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        String[] f = fields(line);
        double t;
        try {
            t = Double.parseDouble(f[0]);
        } catch (NumberFormatException e) {
            throw new BadLine(TIMESTAMP + ": '" + abbreviate(f[0]) + "' is not a number of seconds");
        }
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new BadLine(TIMESTAMP + ": must be finite and >= 0 s, got " + t);
        }
        addRow(out, t, REQUEST, tokens(REQUEST, f[1]), tokens(RESPONSE, f[2]));
    }
}
