package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --out} never deletes what fabricsim did not write. */
class RunOutputSafetyTest {
    @TempDir
    Path tmp;

    private Path scenario() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD);
        return f;
    }

    @Test
    void out_foreignNonEmptyDirectory_exits2_andEveryFileStays() throws Exception {
        Path s = scenario();
        Path mine = tmp.resolve("notes.txt");
        Files.writeString(mine, "my work");
        // --out the folder that holds the scenario and the user's files (as `--out .` from there)
        var r = CliTestSupport.run("run", s.toString(), "--out", tmp.toString(), "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(tmp.toAbsolutePath().normalize().toString()), r.err());
        assertEquals("my work", Files.readString(mine));
        assertEquals(ScenarioLoaderTest.GOOD, Files.readString(s));
    }

    @Test
    void out_namingAFile_exits2_andTheFileStays() throws Exception {
        Path s = scenario();
        var r = CliTestSupport.run("run", s.toString(), "--out", s.toString(), "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals(ScenarioLoaderTest.GOOD, Files.readString(s));
    }

    @Test
    void rerun_keepsFilesFabricsimDidNotWrite_andReplacesItsOwn() throws Exception {
        Path s = scenario();
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", out.toString(), "-q").exit());
        Files.createDirectories(out.resolve("figures"));
        Files.writeString(out.resolve("figures/ttft.png"), "a figure");
        Files.writeString(out.resolve("summary.csv"), "stale");
        var r = CliTestSupport.run("run", s.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals("a figure", Files.readString(out.resolve("figures/ttft.png")));
        assertTrue(Files.readString(out.resolve("summary.csv")).startsWith("system,metric,stat,value,unit"));
    }

    @Test
    void out_emptyDirectory_isUsed() throws Exception {
        Path out = Files.createDirectory(tmp.resolve("empty"));
        var r = CliTestSupport.run("run", scenario().toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.exists(out.resolve("summary.csv")));
    }

    @Test
    void deviceOrFifo_asScenarioOrSweep_exits2_withoutReading() throws Exception {
        for (String cmd : new String[] {"run", "validate", "sweep"}) {
            var r = cmd.equals("sweep")
                    ? CliTestSupport.run("sweep", "/dev/zero", "--out", tmp.resolve("sw").toString())
                    : CliTestSupport.run(cmd, "/dev/zero");
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), cmd + ": " + r.err());
            assertTrue(r.err().contains("/dev/zero"), r.err());
        }
        Path fifo = tmp.resolve("fifo.yaml");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).start();
        if (mk.waitFor() == 0) {
            var r = CliTestSupport.run("run", fifo.toString(), "--out", tmp.resolve("o").toString());
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        }
    }
}
