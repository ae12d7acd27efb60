package org.fabricsim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of the commands that run a grid of points (sweep, search): where, how many at once, on what engine. */
final class PointRunOptions {
    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: out/<name in the file>)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "points run at once (default: all cores)")
    Integer jobs;

    @Option(names = "--engine", paramLabel = "NAME", defaultValue = "local",
            description = "local (threads on this machine) or spark (needs the spark module's jar under spark-submit)")
    String engine = "local";

    /** Points run at once; a count below 1 is refused. */
    int jobs() throws ScenarioException {
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw new ScenarioException("--jobs: must be >= 1, got " + n);
        }
        return n;
    }

    /** The output directory: --out, or out/NAME. */
    Path dir(String name) {
        return out != null ? out : Path.of("out", name);
    }
}
