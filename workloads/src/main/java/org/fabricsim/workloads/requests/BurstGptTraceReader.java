package org.fabricsim.workloads.requests;

import java.util.Arrays;
import java.util.List;

/**
 * BurstGPT (Wang et al., arXiv:2401.17644; CC-BY 4.0): CSV with header including Timestamp
 * (seconds from trace start), Request tokens and Response tokens (Model, Total tokens, Log Type and
 * any other column ignored). Failed requests are recorded with 0 response tokens: they are raised to
 * 1 and counted, like every format's zero outputs.
 */
public final class BurstGptTraceReader extends TraceReader {
    static final String TIMESTAMP = "Timestamp";
    static final String REQUEST = "Request tokens";
    static final String RESPONSE = "Response tokens";

    private int timeCol = -1;
    private int requestCol = -1;
    private int responseCol = -1;
    private int columns;

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
        requestCol = names.indexOf(REQUEST);
        responseCol = names.indexOf(RESPONSE);
        columns = names.size();
        if (timeCol < 0 || requestCol < 0 || responseCol < 0) {
            throw new BadLine("header must name the columns " + TIMESTAMP + ", " + REQUEST + ", " + RESPONSE
                    + " (BurstGPT), got " + names);
        }
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        String[] f = csvFields(line);
        if (f.length != columns) {
            throw new BadLine("expected " + columns + " fields, got " + f.length);
        }
        double t;
        try {
            t = Double.parseDouble(f[timeCol].trim());
        } catch (NumberFormatException e) {
            throw new BadLine(TIMESTAMP + ": '" + abbreviate(f[timeCol].trim()) + "' is not a number of seconds");
        }
        if (!(t >= 0) || Double.isInfinite(t)) {
            throw new BadLine(TIMESTAMP + ": must be finite and >= 0 s, got " + t);
        }
        addRow(out, t, REQUEST, tokens(REQUEST, f[requestCol]), tokens(RESPONSE, f[responseCol]));
    }
}
