package org.fabricsim.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.fabricsim.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark engine in Spark local mode gives the same sweep as the local engine, byte for byte. */
class SparkSweepEngineTest {
    static final String BASE = """
            name: t
            workload:
              source: closed
              requests: 3
              prompt_tokens: 16
              output_tokens: 4
            systems:
              - kind: roofline
                name: r
                model: llama-3.1-8b
                memory_bandwidth_bytes_per_s: 3.35TB/s
                step_overhead_s: 2us
                memory_bytes: 80GB
                serving: {batch_limit: 2}
            """;
    static final String SWEEP = """
            base: base.yaml
            replications: 2
            axes:
              - path: systems[0].serving.batch_limit
                values: [1, 2, 3]
            """;

    @TempDir
    Path tmp;

    @BeforeAll
    static void localhost() {
        // local mode binds the driver to this host; a container's hostname may not resolve
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    private record Result(int exit, String err) {
    }

    private Result sweep(Path file, Path out, String engine) {
        StringWriter err = new StringWriter();
        var cl = Main.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("sweep", file.toString(), "--out", out.toString(), "--engine", engine, "--jobs", "2");
        return new Result(exit, err.toString());
    }

    @Test
    void sparkEngine_localMode_sameSweepCsvAsLocalEngine_andResumes() throws Exception {
        Files.writeString(tmp.resolve("base.yaml"), BASE);
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, SWEEP);
        Result spark = sweep(f, tmp.resolve("spark"), "spark");
        assertEquals(0, spark.exit(), spark.err());
        assertTrue(spark.err().contains("3/3 points done on local[2]"), spark.err());
        Result local = sweep(f, tmp.resolve("local"), "local");
        assertEquals(0, local.exit(), local.err());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("local/sweep.csv")), Files.readAllBytes(tmp.resolve("spark/sweep.csv")));
        for (String file : new String[] {"tokens.csv", "replications.csv", "point.json", "scenario.resolved.yaml"}) {
            assertArrayEquals(Files.readAllBytes(tmp.resolve("local/points/p0002").resolve(file)),
                    Files.readAllBytes(tmp.resolve("spark/points/p0002").resolve(file)), file);
        }
        // a second run has nothing left to do and starts no Spark job
        Result again = sweep(f, tmp.resolve("spark"), "spark");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.err().contains("0 to run, 3 already complete"), again.err());
    }
}
