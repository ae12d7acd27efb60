package org.fabricsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.results.RunAnalysis;
import org.fabricsim.results.UtilizationCsv;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.requests.WorkloadRequests;
import org.fabricsim.workloads.serving.BatchingDriver;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.SystemConfig;
import org.fabricsim.workloads.serving.SystemRun;

/**
 * Executes a scenario: per replication, one timeline holding every system, each replaying the same
 * requests behind its own batching driver. Seeds: replication r uses derive(seed, "replication-r");
 * system s within it derive(that, "system:" + name), so adding a system changes no other system's draws.
 */
final class ScenarioRunner {

    /** Progress of a running scenario, read by the progress bar from another thread. */
    static final class Progress {
        volatile int completedRequests;
        volatile int totalRequests;
    }

    private ScenarioRunner() {
    }

    /** Deploys every system once without running, so that capacity errors surface before any work. */
    static void checkDeployments(Scenario s, long seed) throws ScenarioException {
        Timeline t = new Timeline("check");
        for (int i = 0; i < s.systems().size(); i++) {
            deploy(s, i, t, new RandomStreams(seed));
        }
    }

    private static Deployment deploy(Scenario s, int i, Timeline t, RandomStreams random) throws ScenarioException {
        SystemConfig c = s.systems().get(i);
        try {
            return c.deploy(model(c), draft(c), t, random);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("systems[" + i + "] (" + c.name() + "): " + e.getMessage(), e);
        }
    }

    /** One replication's requests; a corrupt trace or an unreadable file is bad input (exit 2). */
    static WorkloadRequests workload(Scenario s, long repSeed) throws ScenarioException {
        try {
            return s.workload().load(new RandomStreams(repSeed));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("workload: " + e.getMessage(), e);
        }
    }

    static ModelSpec model(SystemConfig c) {
        return ModelCatalog.get(c.model());
    }

    static ModelSpec draft(SystemConfig c) {
        var spec = c.serving().speculative();
        return spec == null || spec.draftModel() == null ? null : ModelCatalog.get(spec.draftModel());
    }

    /** Runs every replication; returns one analysis per (replication, system), in that order. */
    static List<RunAnalysis> run(Scenario s, long seed, Progress progress) throws ScenarioException {
        return run(s, seed, progress, null, null);
    }

    /**
     * As {@link #run(Scenario, long, Progress)}, also adding each system's utilisation per resource class
     * to {@code utilization} (if not null) and recording replication 0 into {@code trace} (if not null).
     */
    static List<RunAnalysis> run(Scenario s, long seed, Progress progress, List<UtilizationCsv.Row> utilization,
            TraceRecorder trace) throws ScenarioException {
        List<RunAnalysis> out = new ArrayList<>();
        int before = 0;
        for (int r = 0; r < s.replications(); r++) {
            long repSeed = RandomStreams.derive(seed, "replication-" + r);
            Timeline timeline = new Timeline("replication-" + r);
            List<Request> requests = workload(s, repSeed).requests();
            progress.totalRequests = s.replications() * s.systems().size() * requests.size();
            List<BatchingDriver> drivers = new ArrayList<>();
            List<Deployment> deployments = new ArrayList<>();
            for (int i = 0; i < s.systems().size(); i++) {
                SystemConfig c = s.systems().get(i);
                RandomStreams random = new RandomStreams(RandomStreams.derive(repSeed, "system:" + c.name()));
                Deployment d = deploy(s, i, timeline, random);
                BatchingDriver driver = new BatchingDriver(c.name(), timeline, s.workload().newSource(requests), d,
                        c.serving(), random.stream("speculative-acceptance"));
                drivers.add(driver);
                deployments.add(d);
                if (trace != null && r == 0) {
                    driver.setListener(trace.forSystem(i, c.name()));
                }
                driver.start();
            }
            int base = before;
            IntSupplier done = () -> drivers.stream().mapToInt(BatchingDriver::completedRequests).sum();
            BatchingDriver[] all = drivers.toArray(new BatchingDriver[0]);
            int total = 0;
            for (BatchingDriver d : all) {
                total += d.totalRequests();
            }
            int everything = total;
            // checked after every event: a plain loop over a handful of drivers, no allocation
            timeline.stopWhen(() -> {
                int n = 0;
                for (BatchingDriver d : all) {
                    n += d.completedRequests();
                }
                progress.completedRequests = base + n;
                return n == everything;
            });
            timeline.run(s.stopTimeS());
            for (BatchingDriver d : drivers) {
                SystemRun run = d.result(r);
                out.add(new RunAnalysis(run));
            }
            before += done.getAsInt();
            for (int i = 0; utilization != null && i < deployments.size(); i++) {
                for (var u : deployments.get(i).utilization().get()) {
                    utilization.add(new UtilizationCsv.Row(s.systems().get(i).name(), r, u));
                }
            }
        }
        return out;
    }
}
