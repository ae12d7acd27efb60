package org.fabricsim.workloads.requests;

import java.util.List;

/**
 * One replication's requests and what reading the trace reported.
 *
 * @param requests        in arrival order, ids 0..n-1
 * @param traceFile       the trace read, or null
 * @param skippedLines    bad trace lines skipped (skip_bad_lines), 0 otherwise
 * @param firstSkipped    the first skipped line's "file:line: reason", or null
 * @param raisedOutputs   trace rows whose output length 0 was raised to 1
 */
public record WorkloadRequests(List<Request> requests, String traceFile, long skippedLines, String firstSkipped,
        long raisedOutputs) {
    public WorkloadRequests {
        requests = List.copyOf(requests);
    }

    /** A one-line note for the user when lines were skipped or lengths raised, else null. */
    public String note() {
        if (skippedLines == 0 && raisedOutputs == 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder(traceFile).append(':');
        if (skippedLines > 0) {
            sb.append(" skipped ").append(skippedLines).append(" bad line(s), first ").append(firstSkipped).append(';');
        }
        if (raisedOutputs > 0) {
            sb.append(" raised ").append(raisedOutputs).append(" output length(s) of 0 to 1;");
        }
        sb.setLength(sb.length() - 1);
        return sb.toString();
    }
}
