package org.fabricsim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the fabricsim command in-process and captures its exit code and output. */
final class CliTestSupport {
    record Result(int exit, String out, String err) {
    }

    private CliTestSupport() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }
}
