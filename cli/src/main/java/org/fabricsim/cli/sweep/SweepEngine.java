package org.fabricsim.cli.sweep;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the pending points of a sweep, each into {@link SweepPlan#pointDir} (atomically: a point's
 * directory is complete or absent). Engines are found by name through {@link java.util.ServiceLoader}
 * ("local" is built in; "spark" comes with the spark module's jar).
 */
public interface SweepEngine {
    /** The name given to {@code --engine}. */
    String name();

    /**
     * Runs {@code pending} points of {@code plan} into {@code sweepDir}; throws after the points
     * already started have finished if any point failed.
     *
     * @param jobs  points run at once (a hint for engines that schedule their own workers)
     * @param err   where progress goes
     */
    void run(SweepPlan plan, List<SweepPoint> pending, Path sweepDir, int jobs, PrintWriter err) throws Exception;
}
