package org.fabricsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.cli.sweep.ReplicationsCsv;
import org.fabricsim.cli.sweep.SweepPlan;
import org.fabricsim.cli.sweep.SweepPoint;
import org.fabricsim.results.CsvFiles;
import org.fabricsim.results.RunAnalysis;
import org.fabricsim.results.StreamingOutput;
import org.fabricsim.results.Summary;
import org.fabricsim.results.SummaryJson;
import org.fabricsim.results.UtilizationCsv;

/**
 * Runs one sweep point and writes its run directory: the files of {@code fabricsim run} plus
 * replications.csv (per-replication summaries, what sweep.csv is built from) and point.json (its
 * index and parameter values). Each runner owns its timeline and random streams, so points run in
 * parallel share no mutable state.
 */
public final class SweepPointRunner {
    private final SweepPlan plan;
    private final SweepPoint point;
    private final ScenarioRunner.Progress progress = new ScenarioRunner.Progress();
    private final int totalRequests;
    private final ScenarioRunner runner;

    /** A point run by a worker of its own. */
    public SweepPointRunner(SweepPlan plan, SweepPoint point) throws ScenarioException {
        this(plan, point, new ScenarioRunner());
    }

    /** A point run by {@code runner}, which the points of one worker share (and with it what they place). */
    SweepPointRunner(SweepPlan plan, SweepPoint point, ScenarioRunner runner) throws ScenarioException {
        this.plan = plan;
        this.point = point;
        this.runner = runner;
        Scenario s = SweepLoader.bindPoint(point);
        this.totalRequests = s.replications() * s.systems().size() * ScenarioRunner.requestsPerReplication(s);
    }

    /** Requests this point simulates, over all replications and systems. */
    public int totalRequests() {
        return totalRequests;
    }

    /** Requests completed so far (read from any thread). */
    public int completedRequests() {
        return progress.completedRequests;
    }

    /** Runs the point and writes its files into {@code dir} (an empty directory). */
    public void writeContents(Path dir) throws IOException, ScenarioException {
        Scenario s = SweepLoader.bindPoint(point);
        List<UtilizationCsv.Row> utilization = new ArrayList<>();
        List<RunAnalysis> runs;
        StreamingOutput streaming = new StreamingOutput(dir);
        try {
            runs = runner.run(s, s.seed(), progress, utilization, null, 1, streaming);
        } catch (ScenarioException | RuntimeException e) {
            StringBuilder label = new StringBuilder();
            parameters().forEach((k, v) -> label.append(label.length() == 0 ? "" : ", ").append(k).append('=').append(v));
            String where = "point " + point.index() + " (" + label + "): ";
            // the rule of run: input that cannot complete is exit 2, a failure inside the simulator exit 1
            if (e instanceof ScenarioException) {
                throw new ScenarioException(where + e.getMessage(), e);
            }
            throw new IllegalStateException(where + e.getMessage(), e);
        }
        Summary summary = new Summary(SloConfig.of(s));
        runs.forEach(summary::add);
        CsvFiles.writeSummary(dir.resolve("summary.csv"), summary);
        SummaryJson.write(dir.resolve("summary.json"), s.name(), s.seed(), s.replications(), summary, PriceConfig.inputs(s, runner.placements()));
        UtilizationCsv.write(dir.resolve("utilization.csv"), utilization);
        ReplicationsCsv.write(dir.resolve("replications.csv"), runs, SloConfig.of(s));
        streaming.finish(runs.size());
        Map<String, Object> pointJson = new LinkedHashMap<>();
        pointJson.put("index", point.index());
        pointJson.put("parameters", parameters());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("point.json").toFile(), pointJson);
        // written last: its presence with this exact text marks the point as done for this plan
        Files.writeString(dir.resolve("scenario.resolved.yaml"), point.scenarioYaml(), StandardCharsets.UTF_8);
    }

    private Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < plan.parameters().size(); i++) {
            m.put(plan.parameters().get(i), point.values().get(i));
        }
        return m;
    }
}
