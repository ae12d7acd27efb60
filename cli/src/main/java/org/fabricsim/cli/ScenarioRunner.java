package org.fabricsim.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.LinkUsage;
import org.fabricsim.fabric.net.SystemLinks;
import org.fabricsim.results.RunAnalysis;
import org.fabricsim.results.RunRecorder;
import org.fabricsim.results.StreamingOutput;
import org.fabricsim.results.UtilizationCsv;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.requests.WorkloadRequests;
import org.fabricsim.workloads.serving.BatchingDriver;
import org.fabricsim.workloads.serving.Deployment;
import org.fabricsim.workloads.serving.DisaggregatedPrefill;
import org.fabricsim.workloads.serving.PlacementCache;
import org.fabricsim.workloads.serving.SystemConfig;

/**
 * Executes a scenario: per replication, every system replays the same requests behind its own batching
 * driver on a timeline of its own. Seeds: replication r uses derive(seed, "replication-r");
 * system s within it derive(that, "system:" + name), so adding a system changes no other system's draws.
 * A runner owns what its runs share: the placements it has built and the deployments it has checked.
 */
final class ScenarioRunner {

    /** Progress of a running scenario, read by the progress bar from another thread. */
    static final class Progress {
        volatile int completedRequests;
        volatile int totalRequests;
    }

    /**
     * Placements built so far: a system's target and draft model, the two a check and the run after it place
     * alike (a full-size placement holds hundreds of MB, so no more are kept).
     */
    private final PlacementCache placements = new PlacementCache(2);

    /** The placements this runner has built, for a caller that prices or counts the chips of its systems. */
    PlacementCache placements() {
        return placements;
    }

    /**
     * Deploys every system once without running and checks replication 0's requests against each, so that
     * capacity errors (weights that do not fit, a request no replica's KV cache can hold) surface before any work.
     */
    void checkDeployments(Scenario s, long seed) throws ScenarioException {
        List<Request> requests = workload(s, RandomStreams.derive(seed, "replication-0")).requests();
        for (int i = 0; i < s.systems().size(); i++) {
            long[] kv = capacity(s, i, seed);
            checkRequestsFit(s, i, kv[0], kv[1], requests);
        }
    }

    /**
     * Deployments checked so far: (index, system, seed) to {decode, prefill} KV capacity in tokens (prefill -1 when
     * the system runs its own prompts) or to the refusal. A deployment is a function of these, and placing a large
     * model on a wafer takes a second: the points of a sweep and repeated validations share one outcome.
     */
    private final Map<List<Object>, Object> checked = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<List<Object>, Object> eldest) {
                    return size() > 512;
                }
            });

    private long[] capacity(Scenario s, int i, long seed) throws ScenarioException {
        List<Object> key = List.of(i, s.systems().get(i), seed);
        Object known = checked.get(key);
        if (known == null) {
            try {
                Timeline t = new Timeline("check");
                Deployment d = deploy(s, i, t, new RandomStreams(seed));
                Deployment p = deployPrefill(s, i, t, new RandomStreams(seed), d);
                known = new long[] {minKv(d), p == null ? -1 : minKv(p)};
            } catch (ScenarioException e) {
                known = e.getMessage();
            }
            checked.put(key, known);
        }
        if (known instanceof String refusal) {
            throw new ScenarioException(refusal);
        }
        return (long[]) known;
    }

    private static long minKv(Deployment d) {
        long min = Long.MAX_VALUE;
        for (var e : d.replicas()) {
            min = Math.min(min, e.kvCapacityTokens());
        }
        return min;
    }

    /**
     * Refuses a request that no replica can ever admit (prompt + output tokens beyond its KV cache; prompt tokens
     * beyond a prefill replica's): admission would wait for it forever, so it is bad input, found before any event.
     */
    static void checkRequestsFit(Scenario s, int i, long decodeKv, long prefillKv, List<Request> requests)
            throws ScenarioException {
        Request longest = null;
        Request longestPrompt = null;
        for (Request r : requests) {
            if (longest == null || (long) r.promptTokens() + r.outputTokens()
                    > (long) longest.promptTokens() + longest.outputTokens()) {
                longest = r;
            }
            if (longestPrompt == null || r.promptTokens() > longestPrompt.promptTokens()) {
                longestPrompt = r;
            }
        }
        if (longest == null) {
            return;
        }
        SystemConfig c = s.systems().get(i);
        long need = (long) longest.promptTokens() + longest.outputTokens();
        int context = model(c).maxContextTokens();
        if (need > context) {
            // a model attends over at most its trained context (max_position_embeddings)
            throw new ScenarioException(String.format("workload: request %d needs %d tokens of context (prompt_tokens %d"
                    + " + output_tokens %d) but %s's context is %d tokens (systems[%d], %s)", longest.id(), need,
                    longest.promptTokens(), longest.outputTokens(), c.model(), context, i, c.name()));
        }
        if (need > decodeKv) {
            throw new ScenarioException(String.format("workload: request %d needs %d tokens of KV cache (prompt_tokens"
                    + " %d + output_tokens %d) but a replica of systems[%d] (%s) holds at most %d; shorten the requests"
                    + " or give the system more memory", longest.id(), need, longest.promptTokens(),
                    longest.outputTokens(), i, c.name(), decodeKv));
        }
        if (prefillKv >= 0 && longestPrompt.promptTokens() > prefillKv) {
            throw new ScenarioException(String.format("workload: request %d needs %d tokens of KV cache (prompt_tokens)"
                    + " but a prefill replica of systems[%d] (%s).serving.prefill.system holds at most %d",
                    longestPrompt.id(), longestPrompt.promptTokens(), i, c.name(), prefillKv));
        }
    }

    private Deployment deploy(Scenario s, int i, Timeline t, RandomStreams random) throws ScenarioException {
        SystemConfig c = s.systems().get(i);
        try {
            return c.deploy(model(c), draft(c), t, random, placements);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("systems[" + i + "] (" + c.name() + "): " + e.getMessage(), e);
        }
    }

    /**
     * The system's disaggregated prefill system, deployed on the same timeline beside the decoding deployment
     * {@code decode} (so the KV link can cross both systems' ports), or null if it runs its own prompts.
     */
    private Deployment deployPrefill(Scenario s, int i, Timeline t, RandomStreams random, Deployment decode)
            throws ScenarioException {
        SystemConfig c = s.systems().get(i);
        if (c.serving().prefill() == null) {
            return null;
        }
        SystemConfig p = c.serving().prefill().system();
        try {
            return p.deploy(model(p), null, t, random, placements, decode.ingress());
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("systems[" + i + "] (" + c.name() + ").serving.prefill.system (" + p.name() + "): "
                    + e.getMessage(), e);
        }
    }

    /**
     * A driver for system i: its own replicas, or its decoding replicas behind a prefill system and a KV link into
     * the decoding hardware (a link of its flow network; one of its own where the hardware has none, as a roofline's).
     */
    private static BatchingDriver driver(Scenario s, int i, Timeline t, RandomStreams random, Deployment d,
            Deployment prefill, List<Request> requests) {
        SystemConfig c = s.systems().get(i);
        RandomGenerator acceptance = random.stream("speculative-acceptance");
        DisaggregatedPrefill dp = c.serving().prefill();
        if (dp == null) {
            return new BatchingDriver(c.name(), t, s.workload().newSource(requests), d, c.serving(), acceptance);
        }
        return new BatchingDriver(c.name(), t, s.workload().newSource(requests), d, c.serving(), acceptance, prefill,
                dp.system().serving(), model(c).kvBytesPerToken(),
                d.ingress() != null ? d.ingress().ingressLink(dp.kvLinkBandwidthBytesPerS(), dp.kvLinkLatencyS(),
                        prefill.ingress())
                        : new SystemLinks(t).add(dp.kvLinkBandwidthBytesPerS(), dp.kvLinkLatencyS()));
    }

    /** One replication's requests; a corrupt trace or an unreadable file is bad input (exit 2). */
    static WorkloadRequests workload(Scenario s, long repSeed) throws ScenarioException {
        try {
            return s.workload().load(new RandomStreams(repSeed));
        } catch (IllegalArgumentException e) {
            throw new ScenarioException("workload: " + e.getMessage(), e);
        }
    }

    /**
     * How many requests one replication of {@code s} holds: the workload's {@code requests}, or, for a trace
     * replay (which has no such key: the file's rows are the requests), the rows replication 0 replays.
     */
    static int requestsPerReplication(Scenario s) throws ScenarioException {
        Integer n = s.workload().requests();
        return n != null ? n : workload(s, RandomStreams.derive(s.seed(), "replication-0")).requests().size();
    }

    static ModelSpec model(SystemConfig c) {
        return c.model().spec();
    }

    static ModelSpec draft(SystemConfig c) {
        var spec = c.serving().speculative();
        return spec == null || spec.draftModel() == null ? null : ModelCatalog.get(spec.draftModel());
    }

    /** Runs every replication; returns one analysis per (replication, system), in that order. */
    List<RunAnalysis> run(Scenario s, long seed, Progress progress) throws ScenarioException {
        return run(s, seed, progress, null, null, 1);
    }

    /** As {@link #run(Scenario, long, Progress, List, TraceRecorder, int)} one system at a time. */
    List<RunAnalysis> run(Scenario s, long seed, Progress progress, List<UtilizationCsv.Row> utilization,
            TraceRecorder trace) throws ScenarioException {
        return run(s, seed, progress, utilization, trace, 1);
    }

    /** As {@link #run(Scenario, long, Progress, List, TraceRecorder, int, StreamingOutput)} writing no rows. */
    List<RunAnalysis> run(Scenario s, long seed, Progress progress, List<UtilizationCsv.Row> utilization,
            TraceRecorder trace, int jobs) throws ScenarioException {
        return run(s, seed, progress, utilization, trace, jobs, null);
    }

    /**
     * As {@link #run(Scenario, long, Progress)}, also adding each system's utilisation per resource class
     * to {@code utilization} (if not null), recording replication 0 into {@code trace} (if not null) and
     * streaming every token and request row into {@code output} as requests complete (if not null; without
     * it the rows are dropped and only the distributions kept, in memory).
     * Systems share nothing but the requests they replay, so each runs on a timeline of its own, up to
     * {@code jobs} at once (one at a time while tracing: the trace records events in time order); the
     * results do not depend on {@code jobs}.
     */
    List<RunAnalysis> run(Scenario s, long seed, Progress progress, List<UtilizationCsv.Row> utilization,
            TraceRecorder trace, int jobs, StreamingOutput output) throws ScenarioException {
        List<RunAnalysis> out = new ArrayList<>();
        var slo = SloConfig.of(s);
        int before = 0;
        for (int r = 0; r < s.replications(); r++) {
            long repSeed = RandomStreams.derive(seed, "replication-" + r);
            List<Request> requests = workload(s, repSeed).requests();
            progress.totalRequests = s.replications() * s.systems().size() * requests.size();
            List<BatchingDriver> drivers = new ArrayList<>();
            List<Deployment> deployments = new ArrayList<>();
            List<Deployment> prefillDeployments = new ArrayList<>();
            List<Timeline> timelines = new ArrayList<>();
            List<RunRecorder> recorders = new ArrayList<>();
            for (int i = 0; i < s.systems().size(); i++) {
                SystemConfig c = s.systems().get(i);
                Timeline timeline = new Timeline("replication-" + r);
                RandomStreams random = new RandomStreams(RandomStreams.derive(repSeed, "system:" + c.name()));
                Deployment d = deploy(s, i, timeline, random);
                Deployment prefill = deployPrefill(s, i, timeline,
                        new RandomStreams(RandomStreams.derive(random.seed(), "prefill")), d);
                checkRequestsFit(s, i, minKv(d), prefill == null ? -1 : minKv(prefill), requests);
                BatchingDriver driver = driver(s, i, timeline, random, d, prefill, requests);
                RunRecorder recorder = recorder(output, c.name(), r, r * s.systems().size() + i, slo);
                driver.setSink(recorder);
                recorders.add(recorder);
                drivers.add(driver);
                deployments.add(d);
                prefillDeployments.add(prefill);
                timelines.add(timeline);
                if (trace != null && r == 0) {
                    driver.setListener(trace.forSystem(i, c.name()));
                }
                driver.start();
            }
            int base = before;
            java.util.concurrent.atomic.AtomicInteger completed = new java.util.concurrent.atomic.AtomicInteger();
            List<Runnable> simulations = new ArrayList<>();
            for (int i = 0; i < drivers.size(); i++) {
                BatchingDriver d = drivers.get(i);
                Timeline timeline = timelines.get(i);
                int total = d.totalRequests();
                int[] seen = new int[1];
                simulations.add(() -> {
                    // checked after every event: no allocation; progress only moves when a request completes
                    timeline.stopWhen(() -> {
                        int n = d.completedRequests();
                        if (n != seen[0]) {
                            progress.completedRequests = base + completed.addAndGet(n - seen[0]);
                            seen[0] = n;
                        }
                        return n == total;
                    });
                    timeline.run(s.stopTimeS());
                });
            }
            runAll(simulations, trace != null ? 1 : jobs);
            // as on one shared timeline, every system's span (and so its utilisation) ends when the last one's does
            double end = 0;
            double[] reached = new double[timelines.size()];
            for (int i = 0; i < timelines.size(); i++) {
                reached[i] = timelines.get(i).now();
                end = Math.max(end, reached[i]);
            }
            for (Timeline t : timelines) {
                if (t.now() < end) {
                    t.stopWhen(() -> false);
                    t.at(end, Timeline.LATE, () -> { }, "span end");
                    t.run(end);
                }
            }
            for (int i = 0; i < drivers.size(); i++) {
                BatchingDriver d = drivers.get(i);
                if (!d.finished() && reached[i] >= s.stopTimeS()) {
                    // input that cannot complete is bad input (exit 2), the same rule for run and sweep
                    throw new ScenarioException(String.format("systems[%d] (%s): stop_time_s: %d of %d requests of"
                            + " replication %d did not complete by %s s of simulated time; raise stop_time_s or lower the"
                            + " load", i, s.systems().get(i).name(), d.totalRequests() - d.completedRequests(),
                            d.totalRequests(), r, s.stopTimeS()));
                }
                d.checkFinished();
                RunAnalysis a = recorders.get(i).finish(d.totalRequests());
                // energy over the system's own span (first arrival to last token), its prefill hardware's included
                double span = a.spanS();
                double joules = deployments.get(i).joules(span)
                        + (prefillDeployments.get(i) == null ? 0 : prefillDeployments.get(i).joules(span));
                PriceConfig price = PriceConfig.of(s, s.systems().get(i), placements);
                out.add(a.withEconomics(joules, price == null ? Double.NaN : price.usd(span, joules)));
                before += d.completedRequests();
            }
            for (int i = 0; utilization != null && i < deployments.size(); i++) {
                for (var u : deployments.get(i).linkUsage().get()) {
                    utilization.add(new UtilizationCsv.Row(s.systems().get(i).name(), r, u));
                }
                // a disaggregated system's prefill hardware, its resource classes marked as such
                for (var u : prefillDeployments.get(i) == null ? List.<LinkUsage>of()
                        : prefillDeployments.get(i).linkUsage().get()) {
                    utilization.add(new UtilizationCsv.Row(s.systems().get(i).name(), r, u.withLinkClass("prefill " + u.linkClass())));
                }
            }
        }
        return out;
    }

    private static RunRecorder recorder(StreamingOutput output, String system, int replication, int part,
            org.fabricsim.results.Slo slo) {
        if (output == null) {
            return new RunRecorder(system, replication, slo);
        }
        try {
            return output.recorder(system, replication, part, slo);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the simulations, up to {@code jobs} at once; a failure in any is rethrown here. */
    private static void runAll(List<Runnable> simulations, int jobs) {
        int threads = Math.max(1, Math.min(jobs, simulations.size()));
        if (threads == 1) {
            simulations.forEach(Runnable::run);
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "fabricsim-system");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (Runnable sim : simulations) {
                futures.add(pool.submit(sim));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while simulating", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
