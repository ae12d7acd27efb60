package org.fabricsim.cli;

/** Bad input: the message names the file, line, field and bad value; the command exits with 2. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
