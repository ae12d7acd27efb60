package org.fabricsim.spark;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.fabricsim.cli.ScenarioException;
import org.fabricsim.cli.SweepPointRunner;
import org.fabricsim.cli.sweep.SweepEngine;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.results.OutputDirectory;

/**
 * Runs a sweep's points as Spark tasks, one task per point. Points go out in waves of twice the
 * cluster's default parallelism; the driver writes each finished wave's point directories at once,
 * so an interrupted sweep keeps every point of the waves already done. Without a master configured
 * (no spark-submit), it runs in Spark local mode with {@code jobs} threads.
 */
public final class SparkSweepEngine implements SweepEngine {

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public void run(SweepPlan plan, List<SweepPoint> pending, Path sweepDir, int jobs, PrintWriter err) throws Exception {
        SparkConf conf = new SparkConf().setAppName("fabricsim sweep " + plan.name());
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[" + jobs + "]").set("spark.ui.enabled", "false");
        }
        SweepPlan header = new SweepPlan(plan.name(), plan.parameters(), List.of());
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            int wave = Math.max(1, 2 * sc.defaultParallelism());
            int done = 0;
            for (int from = 0; from < pending.size(); from += wave) {
                List<SweepPoint> batch = new ArrayList<>(pending.subList(from, Math.min(pending.size(), from + wave)));
                List<PointFiles> results = sc.parallelize(batch, batch.size()).map(p -> runPoint(header, p)).collect();
                for (PointFiles f : results) {
                    SweepPoint p = plan.points().get(f.index());
                    OutputDirectory.write(SweepPlan.pointDir(sweepDir, p), f::writeInto);
                }
                done += batch.size();
                err.printf("%s: %d/%d points done on %s%n", plan.name(), done, pending.size(), sc.master());
                err.flush();
            }
        }
    }

    /** On an executor: runs the point in a temporary directory and returns its files. */
    static PointFiles runPoint(SweepPlan header, SweepPoint p) throws IOException, ScenarioException {
        Path tmp = Files.createTempDirectory("fabricsim-" + p.dirName() + "-");
        try {
            new SweepPointRunner(header, p).writeContents(tmp);
            return PointFiles.read(p.index(), tmp);
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                    try {
                        Files.delete(x);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }
}
