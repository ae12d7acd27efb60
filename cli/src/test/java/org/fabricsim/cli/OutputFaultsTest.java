package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An {@code --out} that cannot be written (read-only, /proc, /sys, a file where a directory should be) is refused with
 * one line on stderr naming the path and the cause, no stack trace, and nothing written; exit 2 when found before
 * simulating, 1 for a fault while writing.
 */
class OutputFaultsTest {
    @TempDir
    Path tmp;

    private Path scenario() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD);
        return f;
    }

    private Path sweepFile() throws Exception {
        scenario();
        Path f = tmp.resolve("sw.yaml");
        Files.writeString(f, "name: sw\nbase: s.yaml\naxes:\n  - path: workload.output_tokens\n    values: [2, 3]\n");
        return f;
    }

    private static void assertOneLineNaming(CliTestSupport.Result r, String path) {
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), r.err());
        assertTrue(err.startsWith("error: "), r.err());
        assertTrue(err.contains(path), "the message should name " + path + ": " + r.err());
        assertFalse(err.contains("Exception") || err.contains("\tat "), "a Java exception leaked: " + r.err());
    }

    private List<String> names() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void run_outInProc_exits2WithOneLine() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        for (String out : new String[] {"/proc/fabricsim-test-out", "/proc/fabricsim-test/deeper"}) {
            var r = CliTestSupport.run("run", scenario().toString(), "--out", out, "-q");
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
            assertOneLineNaming(r, out);
            assertFalse(Files.exists(Path.of(out)));
        }
    }

    @Test
    void runAndSweep_outWhereNothingCanBeCreated_exit2WithOneLine() throws Exception {
        // /sys refuses new files even to root: a directory that is read-only to everyone
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel")), "needs Linux /sys");
        var r = CliTestSupport.run("run", scenario().toString(), "--out", "/sys/fabricsim-test", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertOneLineNaming(r, "/sys/fabricsim-test");
        var w = CliTestSupport.run("sweep", sweepFile().toString(), "--out", "/sys/fabricsim-test", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, w.exit(), w.err());
        assertOneLineNaming(w, "/sys/fabricsim-test");
    }

    @Test
    void run_outInAReadOnlyDirectory_exits2WithOneLine_andLeavesItEmpty() throws Exception {
        Path ro = tmp.resolve("ro");
        Files.createDirectory(ro);
        Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeTrue(!Files.isWritable(ro), "permissions do not bind this user (root): /sys covers it");
            var r = CliTestSupport.run("run", scenario().toString(), "--out", ro.resolve("out").toString(), "-q");
            assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
            assertOneLineNaming(r, ro.resolve("out").toString());
            try (Stream<Path> s = Files.list(ro)) {
                assertEquals(0, s.count());
            }
        } finally {
            Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void sweep_outNamingAnExistingFile_exits2_andTheFileStays() throws Exception {
        Path f = sweepFile();
        Path file = tmp.resolve("results.txt");
        Files.writeString(file, "mine");
        var r = CliTestSupport.run("sweep", f.toString(), "--out", file.toString(), "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertOneLineNaming(r, file.toString());
        assertEquals("mine", Files.readString(file));
        assertEquals(List.of("results.txt", "s.yaml", "sw.yaml"), names());
    }

    @Test
    void sweep_outAForeignNonEmptyDirectory_exits2_andNothingIsAdded() throws Exception {
        Path f = sweepFile();
        Path mine = tmp.resolve("mine");
        Files.createDirectory(mine);
        Files.writeString(mine.resolve("sweep.csv"), "my own sweep.csv");
        var r = CliTestSupport.run("sweep", f.toString(), "--out", mine.toString(), "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertOneLineNaming(r, mine.toString());
        assertEquals("my own sweep.csv", Files.readString(mine.resolve("sweep.csv")));
        try (Stream<Path> s = Files.list(mine)) {
            assertEquals(1, s.count());
        }
    }

    @Test
    void sweep_aFileOfTheUsersWhereAPointDirectoryGoes_exits2WithOneLine_andTheFileStays() throws Exception {
        Path f = sweepFile();
        Path out = tmp.resolve("sweep-out");
        Files.createDirectories(out.resolve("points"));
        Path mine = out.resolve("points").resolve("p0001");
        Files.writeString(mine, "mine");
        var r = CliTestSupport.run("sweep", f.toString(), "--out", out.toString(), "--jobs", "1", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertOneLineNaming(r, mine.toString());
        assertEquals("mine", Files.readString(mine));
    }

    @Test
    void runAndSweep_outBelowAFile_exit2WithOneLine() throws Exception {
        Path file = tmp.resolve("results.txt");
        Files.writeString(file, "mine");
        String out = file.resolve("run").toString();
        var r = CliTestSupport.run("run", scenario().toString(), "--out", out, "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertOneLineNaming(r, file.toString());
        var w = CliTestSupport.run("sweep", sweepFile().toString(), "--out", out, "-q");
        assertEquals(Main.EXIT_BAD_INPUT, w.exit(), w.err());
        assertOneLineNaming(w, file.toString());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void failedRun_removesTheParentDirectoriesItCreated() throws Exception {
        Path out = tmp.resolve("a").resolve("b").resolve("out");
        var r = CliTestSupport.run("run", scenario().toString(), "--out", out.toString(), "--trace-requests", "99", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals(List.of("s.yaml"), names());
    }

    /** A command that fails as a full disk does mid-write. */
    @CommandLine.Command(name = "diskfull")
    static final class DiskFull implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            throw new OutputFailure("--out /data/run", new FileSystemException("/data/.run.partial-1/tokens.csv", null,
                    "No space left on device"));
        }
    }

    @Test
    void faultWhileWriting_exits1WithOneLineNamingPathAndCause_noStackTrace() {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("diskfull", new DiskFull());
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute("diskfull");
        assertEquals(Main.EXIT_INTERNAL, exit);
        var r = new CliTestSupport.Result(exit, "", err.toString());
        assertOneLineNaming(r, "/data/.run.partial-1/tokens.csv");
        assertTrue(r.err().contains("--out /data/run") && r.err().contains("No space left on device"), r.err());
    }
}
