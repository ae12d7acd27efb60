package org.fabricsim.cli.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.results.OutputDirectory;

/**
 * An expanded sweep: the names of its parameter columns (one per axis, in axis order) and every
 * point of the grid, in index order.
 */
public record SweepPlan(String name, List<String> parameters, List<SweepPoint> points) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Columns of sweep.csv after the parameter columns. */
    public static final List<String> FIXED_COLUMNS = List.of("system", "metric", "stat", "mean", "ci95_half_width", "n", "unit");

    public SweepPlan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: required");
        }
        parameters = List.copyOf(parameters);
        points = List.copyOf(points);
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).index() != i || points.get(i).values().size() != parameters.size()) {
                throw new IllegalArgumentException("points: point " + i + " is out of order or has "
                        + points.get(i).values().size() + " values for " + parameters.size() + " parameters");
            }
        }
    }

    /**
     * The points whose directory under {@code sweepDir} is missing or was made for another scenario
     * (the sweep file changed): the ones a resumed sweep still has to run.
     */
    public List<SweepPoint> pending(Path sweepDir) throws IOException {
        List<SweepPoint> out = new ArrayList<>();
        for (SweepPoint p : points) {
            Path dir = pointDir(sweepDir, p);
            OutputDirectory.recover(dir);
            Path yaml = dir.resolve("scenario.resolved.yaml");
            boolean done = Files.isRegularFile(dir.resolve("replications.csv")) && Files.isRegularFile(yaml)
                    && Files.readString(yaml, StandardCharsets.UTF_8).equals(p.scenarioYaml());
            if (!done) {
                out.add(p);
            }
        }
        return out;
    }

    /** The directory of a point's run under the sweep's output directory. */
    public static Path pointDir(Path sweepDir, SweepPoint p) {
        return sweepDir.resolve("points").resolve(p.dirName());
    }
}
