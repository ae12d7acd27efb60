package org.fabricsim.workloads.requests;

import java.nio.file.Path;

/**
 * A trace file line that cannot be read: names the file, the 1-based line number and the reason.
 * Extends IllegalArgumentException because it is bad input (the cli exits with 2), not a bug.
 */
public final class TraceFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String reason;

    public TraceFormatException(Path file, long line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public Path file() {
        return file;
    }

    /** 1-based line number in the file. */
    public long line() {
        return line;
    }

    public String reason() {
        return reason;
    }
}
