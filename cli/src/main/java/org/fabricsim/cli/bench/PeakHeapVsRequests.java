package org.fabricsim.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fabricsim.cli.Scenario;
import org.fabricsim.cli.ScenarioException;
import org.fabricsim.cli.ScenarioLoader;

/**
 * scenario_peak_heap_vs_requests: {@code fabricsim run} of a scenario scaled to N requests, output files and
 * all, in a child JVM limited to {@link #HEAP_LIMIT}, its heap measured by {@link HeapProbe}. A child of its
 * own gives each N a fresh heap and proves the run fits the limit; a run that does not fit is reported, not
 * measured. The run writes into a temporary directory the bench makes and removes.
 */
public final class PeakHeapVsRequests {
    public static final String HEAP_LIMIT = "-Xmx1g";

    private final BenchReport report;

    public PeakHeapVsRequests(BenchReport report) {
        this.report = report;
    }

    /** Measures {@code base} at each request count, adding one row per count that ran within the limit. */
    public void measure(Scenario base, int[] counts) throws IOException, ScenarioException, InterruptedException {
        Path tmp = Files.createTempDirectory("fabricsim-bench-heap-");
        try {
            for (int n : counts) {
                String parameter = base.name() + " requests=" + n;
                report.progress("peak heap " + parameter + " (" + HEAP_LIMIT + ", child JVM)...");
                Path yaml = tmp.resolve("scenario-" + n + ".yaml");
                Files.writeString(yaml, ScenarioLoader.resolvedYaml(ScaledScenarios.withRequests(base, n), tmp),
                        StandardCharsets.UTF_8);
                Path out = tmp.resolve("out-" + n);
                Long bytes = child(yaml, out);
                if (bytes == null) {
                    report.notMeasured("scenario_peak_heap_vs_requests " + parameter + ": the run failed under "
                            + HEAP_LIMIT + " (see " + tmp.resolve("child-" + n + ".log") + ")");
                    return; // the log is kept for a look
                }
                report.add(new BenchRow("scenario_peak_heap_vs_requests", parameter, bytes, "bytes"));
                deleteTree(out); // a million requests write about 9 GB
                Files.deleteIfExists(yaml);
                Files.deleteIfExists(tmp.resolve("child-" + n + ".log"));
            }
            Files.delete(tmp);
        } catch (IOException | RuntimeException e) {
            report.notMeasured("scenario_peak_heap_vs_requests: " + e.getMessage() + " (files in " + tmp + ")");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path f : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /** The child's heap-after-collection peak, or null when it did not exit 0. */
    private static Long child(Path yaml, Path out) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add(HEAP_LIMIT);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HeapProbe.class.getName());
        cmd.addAll(List.of("run", yaml.toString(), "--out", out.toString(), "-q", "--jobs", "1"));
        Path log = yaml.resolveSibling("child-" + yaml.getFileName().toString().replaceAll("\\D", "") + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        Long bytes = null;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith(HeapProbe.RESULT) && line.endsWith(" exit=0")) {
                bytes = Long.parseLong(line.substring(HeapProbe.RESULT.length(), line.indexOf(' ')));
            }
        }
        return rc == 0 ? bytes : null;
    }
}
