package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.fabricsim.results.OutputLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per {@code --out}: a second run or sweep is refused at once (exit 2, naming the path and the holder) and
 * leaves the first's directory as it was; a killed run's lock and {@code .partial-*} leftovers are cleared by the next
 * start once their process is gone.
 */
class OutputLockCommandTest {
    @TempDir
    Path tmp;

    private Process holder;

    @AfterEach
    void stopHolder() throws Exception {
        if (holder != null && holder.isAlive()) {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    private Path scenario() throws Exception {
        Path f = tmp.resolve("s.yaml");
        Files.writeString(f, ScenarioLoaderTest.GOOD);
        return f;
    }

    /** Starts a child JVM holding the lock of {@code out}, and waits until it says it holds it. */
    private Process holdLockInAnotherProcess(Path out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(),
                out.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("locked", r.readLine());
        return holder;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static byte[] bytes(Path f) throws Exception {
        return Files.readAllBytes(f);
    }

    @Test
    void secondRun_whileAnotherProcessWritesTheSameOut_exits2NamingPathAndHolder_andTheFirstsFilesStay() throws Exception {
        Path s = scenario();
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", out.toString(), "-q").exit());
        byte[] tokens = bytes(out.resolve("tokens.csv"));
        List<String> before = names(out);
        Process first = holdLockInAnotherProcess(out);

        var r = CliTestSupport.run("run", s.toString(), "--out", out.toString(), "--seed", "7", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(out.toAbsolutePath().normalize().toString()), r.err());
        assertTrue(r.err().contains("pid " + first.pid()), r.err());
        assertArrayEquals(tokens, bytes(out.resolve("tokens.csv")));
        assertEquals(before, names(out));
        assertEquals(List.of(".out.lock", "out", "s.yaml"), names(tmp)); // the holder's lock untouched, no partial

        // a sweep onto the same directory is refused the same way
        Path sweep = tmp.resolve("sw.yaml");
        Files.writeString(sweep, "name: sw\nbase: s.yaml\naxes:\n  - path: workload.output_tokens\n    values: [2, 3]\n");
        var w = CliTestSupport.run("sweep", sweep.toString(), "--out", out.toString(), "-q");
        assertEquals(Main.EXIT_BAD_INPUT, w.exit(), w.err());
        assertTrue(w.err().contains("pid " + first.pid()), w.err());
        assertEquals(before, names(out));
    }

    @Test
    void sweep_whileAnotherProcessWritesTheSameOut_exits2_andNothingIsWritten() throws Exception {
        scenario();
        Path sweep = tmp.resolve("sw.yaml");
        Files.writeString(sweep, "name: sw\nbase: s.yaml\naxes:\n  - path: workload.output_tokens\n    values: [2, 3]\n");
        Path out = tmp.resolve("sweep-out");
        Process first = holdLockInAnotherProcess(out);
        var r = CliTestSupport.run("sweep", sweep.toString(), "--out", out.toString(), "-q");
        assertEquals(Main.EXIT_BAD_INPUT, r.exit(), r.err());
        assertTrue(r.err().contains(out.toAbsolutePath().normalize().toString()) && r.err().contains("pid " + first.pid()),
                r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void killedRunsLock_doesNotBlockTheNextRun_andIsGoneAfterIt() throws Exception {
        Path s = scenario();
        Path out = tmp.resolve("out");
        Process first = holdLockInAnotherProcess(out);
        first.destroyForcibly(); // SIGKILL: the process cannot remove its lock file
        first.waitFor();
        assertTrue(Files.exists(OutputLock.fileOf(out)), "the killed holder's lock file should still be there");

        var r = CliTestSupport.run("run", s.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("summary.csv")));
        assertEquals(List.of("out", "s.yaml"), names(tmp));
    }

    @Test
    void killedRunsPartialDirectories_areRemovedByTheNextStart_othersAreKept() throws Exception {
        Path s = scenario();
        Path out = tmp.resolve("out");
        // a pid that is certainly gone: a child that has exited
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        long deadPid = gone.pid();
        Path dead = tmp.resolve(".out.partial-" + deadPid);
        Files.createDirectories(dead.resolve("sub"));
        Files.write(dead.resolve("tokens.csv"), new byte[1 << 16]);
        // a live run's partial (the surefire JVM that started this one is alive), and files fabricsim did not name
        long livePid = ProcessHandle.current().parent().orElseThrow().pid();
        Path live = tmp.resolve(".out.partial-" + livePid);
        Files.createDirectories(live);
        Path notes = tmp.resolve(".out.partial-notes");
        Files.writeString(notes, "mine");
        Path otherTarget = tmp.resolve(".out.x.partial-" + deadPid);
        Files.createDirectories(otherTarget);

        // the next start clears them even when the run then stops on bad input
        var bad = CliTestSupport.run("run", s.toString(), "--out", out.toString(), "--trace-requests", "99", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit(), bad.err());
        assertFalse(Files.exists(dead), "a dead run's partial directory is left");
        assertTrue(Files.isDirectory(live), "a live run's partial directory was removed");
        assertEquals("mine", Files.readString(notes));
        assertTrue(Files.isDirectory(otherTarget), "another target's partial directory was touched");
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(OutputLock.fileOf(out)));
    }

    @Test
    void runKilledBetweenItsTwoRenames_outIsBackAtTheNextStart_evenIfThatRunStopsOnBadInput() throws Exception {
        Path s = scenario();
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", s.toString(), "--out", out.toString(), "-q").exit());
        byte[] tokens = bytes(out.resolve("tokens.csv"));
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        // what a run killed after moving the old directory aside and before renaming its new one leaves
        Files.move(out, tmp.resolve(".out.previous-" + gone.pid()));
        Files.createDirectories(tmp.resolve(".out.partial-" + gone.pid()));
        var bad = CliTestSupport.run("run", s.toString(), "--out", out.toString(), "--trace-requests", "99", "-q");
        assertEquals(Main.EXIT_BAD_INPUT, bad.exit(), bad.err());
        assertArrayEquals(tokens, bytes(out.resolve("tokens.csv")));
        assertEquals(List.of("out", "s.yaml"), names(tmp));
    }

    @Test
    void killedSweepsPartialPointDirectories_areRemovedByTheNextStart() throws Exception {
        scenario();
        Path sweep = tmp.resolve("sw.yaml");
        Files.writeString(sweep, "name: sw\nbase: s.yaml\naxes:\n  - path: workload.output_tokens\n    values: [2, 3]\n");
        Path out = tmp.resolve("sweep-out");
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Path deadPoint = out.resolve("points").resolve(".p0001.partial-" + gone.pid());
        Files.createDirectories(deadPoint);
        Path deadCsv = out.resolve(".sweep.csv.partial-" + gone.pid());
        Files.writeString(deadCsv, "half");
        var r = CliTestSupport.run("sweep", sweep.toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exit(), r.err());
        assertEquals(List.of("p0000", "p0001"), names(out.resolve("points")));
        assertEquals(List.of(".fabricsim-output", "points", "sweep.csv"), names(out));
        assertEquals(List.of("s.yaml", "sw.yaml", "sweep-out"), names(tmp));
    }
}
