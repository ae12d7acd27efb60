package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep stopped by a signal (Ctrl-C, kill) says how many points are complete and how to resume. */
class SweepInterruptTest {
    @TempDir
    Path tmp;

    @Test
    void interruptedSweep_printsHowToResume() throws Exception {
        Path base = tmp.resolve("base.yaml");
        Files.writeString(base, """
                name: slow
                workload: {source: closed, users: 1, requests: 4000, prompt_tokens: 128, output_tokens: 64}
                systems:
                  - {kind: roofline, name: r, model: llama-3.1-8b}
                """);
        Path sweep = tmp.resolve("sweep.yaml");
        Files.writeString(sweep, "name: s\nbase: base.yaml\nreplications: 200\naxes:\n  - path: workload.output_tokens\n"
                + "    values: [64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75]\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        File log = tmp.resolve("child.log").toFile();
        Path out = tmp.resolve("out");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sweep",
                sweep.toString(), "--out", out.toString(), "--jobs", "1", "-q").redirectErrorStream(true)
                .redirectOutput(log).start();
        // wait until the sweep is under way (its marker is written before the first point), then signal it
        for (int i = 0; i < 600 && p.isAlive() && !Files.exists(out.resolve(org.fabricsim.results.OutputDirectory.MARKER)); i++) {
            Thread.sleep(50);
        }
        Thread.sleep(1000);
        assertTrue(p.isAlive(), "the sweep ended before it was signalled: " + Files.readString(log.toPath()));
        p.destroy(); // SIGTERM: shutdown hooks run, as on Ctrl-C
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String text = Files.readString(log.toPath());
        assertTrue(text.contains("sweep interrupted") && text.contains("point(s) complete")
                && text.contains("to resume") && text.contains("fabricsim sweep " + sweep + " --out " + out), text);
    }
}
