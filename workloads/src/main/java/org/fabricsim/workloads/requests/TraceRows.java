package org.fabricsim.workloads.requests;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The rows read from one trace file, in file order, as flat primitive arrays: arrival time in
 * seconds as recorded (NaN for length-only traces), prompt and output tokens. Also counts the lines
 * skipped as bad and the output lengths of 0 raised to 1.
 */
public final class TraceRows {
    private final Path file;
    private double[] timeS = new double[1024];
    private int[] promptTokens = new int[1024];
    private int[] outputTokens = new int[1024];
    private int size;
    private long skippedLines;
    private long raisedOutputs;
    private String firstSkipped;

    TraceRows(Path file) {
        this.file = file;
    }

    void add(double t, int prompt, int output) {
        if (size == timeS.length) {
            grow();
        }
        timeS[size] = t;
        promptTokens[size] = prompt;
        outputTokens[size] = output;
        size++;
    }

    void removeLast() {
        size--;
    }

    private void grow() {
        int n = timeS.length * 2;
        timeS = Arrays.copyOf(timeS, n);
        promptTokens = Arrays.copyOf(promptTokens, n);
        outputTokens = Arrays.copyOf(outputTokens, n);
    }

    void skipped(TraceFormatException e) {
        if (skippedLines++ == 0) {
            firstSkipped = e.getMessage();
        }
    }

    void raisedOutput() {
        raisedOutputs++;
    }

    public Path file() {
        return file;
    }

    public int size() {
        return size;
    }

    /** Arrival as recorded in the trace, seconds (not shifted to start at 0); NaN if the format has none. */
    public double timeS(int i) {
        return timeS[i];
    }

    public int promptTokens(int i) {
        return promptTokens[i];
    }

    public int outputTokens(int i) {
        return outputTokens[i];
    }

    /** Bad lines skipped (only with skip_bad_lines). */
    public long skippedLines() {
        return skippedLines;
    }

    /** The message of the first skipped line, or null. */
    public String firstSkipped() {
        return firstSkipped;
    }

    /** Rows whose output length 0 was raised to 1 (a prefill always yields one token). */
    public long raisedOutputs() {
        return raisedOutputs;
    }

    /** Mean prompt length over the rows. */
    public double meanPromptTokens() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += promptTokens[i];
        }
        return s / size;
    }

    /** Mean output length over the rows. */
    public double meanOutputTokens() {
        double s = 0;
        for (int i = 0; i < size; i++) {
            s += outputTokens[i];
        }
        return s / size;
    }
}
