package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.fabricsim.results.OutputDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed with SIGKILL at any moment leaves the previous complete output directory (or the new
 * complete one), never a half-written one; the next write clears what the dead run left aside.
 */
class KilledRunOutputTest {
    @TempDir
    Path tmp;

    private static final int REQUESTS = 3000;
    private static final int OUTPUT_TOKENS = 40;

    private String scenario() {
        return ScenarioLoaderTest.GOOD.replace("requests: 3", "requests: " + REQUESTS)
                .replace("output_tokens: 4", "output_tokens: " + OUTPUT_TOKENS)
                .replace("serving: {batch_limit: 2}", "serving: {batch_limit: 64}")
                .replace("source: closed", "source: closed\n  users: 64");
    }

    private static void assertComplete(Path out) throws Exception {
        assertTrue(Files.isDirectory(out), "output directory missing");
        for (String f : List.of("tokens.csv", "requests.csv", "summary.csv", "summary.json", "scenario.resolved.yaml")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f + " missing");
        }
        try (Stream<String> lines = Files.lines(out.resolve("tokens.csv"))) {
            assertEquals(1 + REQUESTS * OUTPUT_TOKENS, lines.count());
        }
    }

    @Test
    void sigkillAtAnyMoment_leavesACompleteDirectory() throws Exception {
        Path file = tmp.resolve("s.yaml");
        Files.writeString(file, scenario());
        Path out = tmp.resolve("out");
        assertEquals(0, CliTestSupport.run("run", file.toString(), "--out", out.toString(), "-q").exit());
        assertComplete(out);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        for (long delayMs : new long[] {400, 1200, 2500, 4000}) {
            Process p = new ProcessBuilder(java, "-cp", cp, Main.class.getName(), "run", file.toString(), "--out",
                    out.toString(), "--seed", String.valueOf(delayMs), "-q").redirectErrorStream(true)
                    .redirectOutput(new File(tmp.toFile(), "child.log")).start();
            if (!p.waitFor(delayMs, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly(); // SIGKILL on Linux
                p.waitFor();
            }
            assertComplete(out);
        }
        OutputDirectory.recover(out);
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of("child.log", "out", "s.yaml"),
                    s.map(x -> x.getFileName().toString()).sorted().toList());
        }
    }
}
