package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the example scripts of docs/researcher-guide.md and docs/architect-guide.md on fresh outputs:
 * the Python ones when a python3 with pandas is found, the R one when Rscript is; skipped with a
 * message otherwise.
 */
class ExampleScriptsTest {
    private static final Path EXAMPLES = Path.of("..", "docs", "examples");

    @TempDir
    Path tmp;

    private record Output(int exit, String text) {
    }

    private static Output exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Output(-1, "did not finish");
        }
        return new Output(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** A python3 that imports pandas: $FABRICSIM_PYTHON, python3 on the PATH, or the system's. */
    private static String pythonWithPandas() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        if (System.getenv("FABRICSIM_PYTHON") != null) {
            candidates.add(System.getenv("FABRICSIM_PYTHON"));
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        for (String c : candidates) {
            try {
                if (exec(List.of(c, "-c", "import pandas")).exit() == 0) {
                    return c;
                }
            } catch (IOException e) {
                // not installed
            }
        }
        String why = "skipped: no python3 with pandas found (tried " + candidates + "); install pandas to run the "
                + "docs/examples scripts";
        System.err.println("ExampleScriptsTest " + why);
        Assumptions.abort(why);
        return null;
    }

    private Path run() throws IOException {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD.replace("requests: 3", "requests: 20"));
        Path out = tmp.resolve("run");
        assertEquals(0, CliTestSupport.run("run", f.toString(), "--out", out.toString(), "-q").exit());
        return out;
    }

    @Test
    void loadOutputsPy_freshRun_filesAgree() throws Exception {
        String python = pythonWithPandas();
        Output o = exec(List.of(python, EXAMPLES.resolve("load_outputs.py").toString(), run().toString()));
        assertEquals(0, o.exit(), o.text());
        assertTrue(o.text().contains("tokens.csv, requests.csv and summary.csv agree"), o.text());
    }

    @Test
    void readSweepPy_freshSweep_tableOfEveryPoint() throws Exception {
        String python = pythonWithPandas();
        Files.writeString(tmp.resolve("base.yaml"), ScenarioLoaderTest.GOOD);
        Path sweep = tmp.resolve("sweep.yaml");
        Files.writeString(sweep, SweepCommandTest.SWEEP);
        Path out = tmp.resolve("sweep");
        assertEquals(0, CliTestSupport.run("sweep", sweep.toString(), "--out", out.toString(), "-q").exit());
        Output o = exec(List.of(python, EXAMPLES.resolve("read_sweep.py").toString(), out.toString()));
        assertEquals(0, o.exit(), o.text());
        assertTrue(o.text().contains("4 points x 42 rows"), o.text());
    }

    @Test
    void loadOutputsR_freshRun_runs() throws Exception {
        Output probe;
        try {
            probe = exec(List.of("Rscript", "--version"));
        } catch (IOException e) {
            probe = new Output(-1, e.getMessage());
        }
        if (probe.exit() != 0) {
            System.err.println("ExampleScriptsTest skipped: Rscript not found; docs/examples/load_outputs.R not run");
        }
        Assumptions.assumeTrue(probe.exit() == 0, "skipped: Rscript not found; docs/examples/load_outputs.R not run");
        Output o = exec(List.of("Rscript", EXAMPLES.resolve("load_outputs.R").toString(), run().toString()));
        assertEquals(0, o.exit(), o.text());
        assertTrue(o.text().contains("ITL p50"), o.text());
    }
}
