package org.fabricsim.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar itself, run in a child JVM on the classpath spark-submit gives a job (Spark's jars, then the
 * application jar), sweeps in local mode and starts without a logging complaint: shading relocates logback, so a
 * configuration that names logback's classes by their original names fails at every start.
 */
class SparkJarIT {
    @TempDir
    Path tmp;

    @Test
    void packagedJar_sweepsInLocalMode_withoutLoggingErrors() throws Exception {
        Path jar = Path.of(System.getProperty("fabricsim.sparkJar"));
        String sparkClasspath = Files.readString(Path.of(System.getProperty("fabricsim.sparkClasspath"))).trim();
        assertTrue(Files.isRegularFile(jar), jar.toString());

        Files.writeString(tmp.resolve("base.yaml"), SparkSweepEngineTest.BASE);
        Files.writeString(tmp.resolve("sweep.yaml"), """
                base: base.yaml
                axes:
                  - path: systems[0].serving.batch_limit
                    values: [1, 2]
                """);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1"));
        for (String pkg : new String[] {"java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net",
                "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref",
                "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar"}) {
            cmd.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
        }
        cmd.addAll(List.of("-cp", sparkClasspath + File.pathSeparator + jar, "org.fabricsim.cli.Main",
                "sweep", tmp.resolve("sweep.yaml").toString(), "--out", tmp.resolve("out").toString(),
                "--engine", "spark", "--jobs", "2"));
        Path log = tmp.resolve("child.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the packaged jar's sweep did not finish in 5 minutes");
        String out = Files.readString(log);

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("2/2 points done on local[2]"), out);
        for (String point : new String[] {"p0000", "p0001"}) {
            assertTrue(Files.size(tmp.resolve("out/points").resolve(point).resolve("tokens.csv")) > 0, point);
        }
        assertTrue(Files.readString(tmp.resolve("out/sweep.csv")).lines().skip(1)
                .anyMatch(row -> row.startsWith("1,2,")), "sweep.csv has rows of the second point (batch_limit 2)");
        // logback reports configuration trouble as "|-ERROR"/"|-WARN" status lines, SLF4J as "SLF4J(W)"
        for (String complaint : new String[] {"|-ERROR", "|-WARN", "SLF4J(W)", "SLF4J: "}) {
            assertFalse(out.contains(complaint), complaint + " in:\n" + out);
        }
    }
}
