package org.fabricsim.workloads.serving;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.requests.RequestSource;

/**
 * Continuous batching over the replicas of one system: first-come-first-served admission while the
 * KV cache of a replica can hold the request's prompt plus output, steps of at most batch_limit
 * sequences and token_budget new tokens, prefill (optionally chunked) then decode, and speculative
 * decoding whose accepted tokens are emitted together. A prefill step emits the request's first token.
 *
 * <p>On a pipelined engine (more than one step in flight: a wafer's layer pipeline, GPU pipeline
 * parallelism) a chunked prompt's chunks follow each other through the stages without waiting for the
 * previous chunk to finish: a chunk needs only the earlier chunks' KV at its own layer, and a stage
 * serves steps in the order they reach it. A prompt of P tokens in chunks of c then fills an S-stage
 * pipeline in about c/P of its unchunked latency plus P/c - 1 stage times, instead of S stage times per
 * chunk. Decode waits for the last chunk.
 */
public final class BatchingDriver {

    private final String system;
    private final Timeline timeline;
    private final RequestSource source;
    private final List<StepEngine> replicas;
    private final ServingPolicy policy;
    private final RandomGenerator acceptance;
    private final Deque<Sequence> waiting = new ArrayDeque<>();
    private final List<List<Sequence>> running = new ArrayList<>();
    private final long[] kvUsedTokens;
    private final int[] stepsInFlight;
    private final List<Request> arrived = new ArrayList<>();
    private final TokenLog tokens = new TokenLog();
    private int completed;
    private boolean scheduling;
    private StepListener listener;

    /** A request being served: its progress through prefill and decode. */
    private static final class Sequence {
        final Request request;
        int replica = -1;
        int prefillIssued;
        int prefilled;
        int generated;
        int stepsInFlight;

        Sequence(Request request) {
            this.request = request;
        }

        boolean prefillDone() {
            return prefilled >= request.promptTokens();
        }

        boolean prefillIssued() {
            return prefillIssued >= request.promptTokens();
        }

        long kvTokens() {
            return (long) request.promptTokens() + request.outputTokens();
        }
    }

    public BatchingDriver(String system, Timeline timeline, RequestSource source, Deployment deployment,
            ServingPolicy policy, RandomGenerator acceptance) {
        this.system = system;
        this.timeline = timeline;
        this.source = source;
        this.replicas = deployment.replicas();
        this.policy = policy;
        this.acceptance = acceptance;
        this.kvUsedTokens = new long[replicas.size()];
        this.stepsInFlight = new int[replicas.size()];
        for (int i = 0; i < replicas.size(); i++) {
            running.add(new ArrayList<>());
        }
    }

    /** Sets an observer of admissions and steps (for traces); null for none. Call before {@link #start}. */
    public void setListener(StepListener listener) {
        this.listener = listener;
    }

    /** Schedules the source's arrivals; the timeline's run does the rest. */
    public void start() {
        source.start(timeline, this::arrive);
    }

    /** True once every request of the source has emitted its last token. */
    public boolean finished() {
        return completed == source.totalRequests();
    }

    public int completedRequests() {
        return completed;
    }

    public int totalRequests() {
        return source.totalRequests();
    }

    /** The record of this run; call after the timeline has finished. */
    public SystemRun result(int replication) {
        if (!finished()) {
            throw new IllegalStateException(system + ": " + (source.totalRequests() - completed)
                    + " requests did not complete (stop time reached or the system stalled)");
        }
        List<Request> byId = new ArrayList<>(arrived);
        byId.sort((a, b) -> Long.compare(a.id(), b.id()));
        return new SystemRun(system, replication, byId, tokens);
    }

    private void arrive(Request r) {
        arrived.add(r);
        for (int i = 0; i < replicas.size(); i++) {
            if (r.promptTokens() + (long) r.outputTokens() > replicas.get(i).kvCapacityTokens()) {
                throw new IllegalArgumentException(system + ": request " + r.id() + " needs "
                        + (r.promptTokens() + (long) r.outputTokens()) + " tokens of KV cache but a replica holds only "
                        + replicas.get(i).kvCapacityTokens());
            }
        }
        waiting.add(new Sequence(r));
        schedule();
    }

    private void schedule() {
        if (scheduling) {
            return;
        }
        scheduling = true;
        try {
            for (int i = 0; i < replicas.size(); i++) {
                while (stepsInFlight[i] < replicas.get(i).maxStepsInFlight() && launchStep(i)) {
                    // keep filling pipeline slots while there is work
                }
            }
        } finally {
            scheduling = false;
        }
    }

    /** Admits waiting requests to replica i and submits one step; false if there was nothing to run. */
    private boolean launchStep(int i) {
        admit(i);
        List<Sequence> batch = new ArrayList<>();
        List<Step.SequenceWork> work = new ArrayList<>();
        int budget = policy.tokenBudget();
        int k = policy.speculative() == null ? 0 : policy.speculative().draftTokens();
        boolean anyDecode = false;
        boolean pipelineChunks = policy.chunkedPrefill() && replicas.get(i).maxStepsInFlight() > 1;
        for (Sequence s : running.get(i)) {
            if (batch.size() >= policy.batchLimit()) {
                break;
            }
            if (s.prefillIssued()) {
                if (s.stepsInFlight > 0) {
                    continue;
                }
                int context = s.prefilled + Math.max(0, s.generated - 1);
                int remaining = s.request.outputTokens() - s.generated;
                int draft = Math.min(k, remaining - 1);
                int newTokens = 1 + Math.max(0, draft);
                if (newTokens > budget) {
                    continue;
                }
                budget -= newTokens;
                anyDecode = true;
                work.add(new Step.SequenceWork(s.request.id(), newTokens, context, false));
            } else {
                if (s.stepsInFlight > 0 && !pipelineChunks) {
                    continue;
                }
                int remaining = s.request.promptTokens() - s.prefillIssued;
                int chunk = policy.chunkedPrefill() ? Math.min(remaining, budget) : remaining;
                boolean alone = batch.isEmpty();
                if (chunk < 1 || (chunk > budget && !alone)) {
                    continue;
                }
                budget -= Math.min(chunk, budget);
                work.add(new Step.SequenceWork(s.request.id(), chunk, s.prefillIssued, true));
                s.prefillIssued += chunk;
            }
            batch.add(s);
        }
        if (batch.isEmpty()) {
            return false;
        }
        for (Sequence s : batch) {
            s.stepsInFlight++;
        }
        int draftTokens = anyDecode ? k : 0;
        Step step = new Step(work, draftTokens);
        stepsInFlight[i]++;
        double startS = timeline.now();
        replicas.get(i).submit(step, () -> complete(i, batch, step, startS));
        return true;
    }

    private void admit(int i) {
        StepEngine engine = replicas.get(i);
        int slots = policy.batchLimit() * engine.maxStepsInFlight();
        while (!waiting.isEmpty() && running.get(i).size() < slots
                && kvUsedTokens[i] + waiting.peekFirst().kvTokens() <= engine.kvCapacityTokens()) {
            Sequence s = waiting.pollFirst();
            s.replica = i;
            kvUsedTokens[i] += s.kvTokens();
            running.get(i).add(s);
            if (listener != null) {
                listener.admitted(s.request, i, timeline.now());
            }
        }
    }

    private void complete(int i, List<Sequence> batch, Step step, double startS) {
        stepsInFlight[i]--;
        double now = timeline.now();
        if (listener != null) {
            listener.stepCompleted(i, step, startS, now);
        }
        for (int j = 0; j < batch.size(); j++) {
            Sequence s = batch.get(j);
            Step.SequenceWork w = step.sequences().get(j);
            s.stepsInFlight--;
            if (w.prefill()) {
                s.prefilled += w.newTokens();
                if (s.prefillDone()) {
                    emit(s, 1, now);
                }
            } else {
                emit(s, 1 + acceptedDrafts(w.newTokens() - 1), now);
            }
            if (s.generated >= s.request.outputTokens()) {
                running.get(i).remove(s);
                kvUsedTokens[i] -= s.kvTokens();
                completed++;
                source.completed(s.request);
            }
        }
        schedule();
    }

    private void emit(Sequence s, int count, double now) {
        int n = Math.min(count, s.request.outputTokens() - s.generated);
        for (int t = 0; t < n; t++) {
            tokens.add(s.request.id(), s.generated++, now);
        }
    }

    /** Draft tokens accepted out of {@code k} proposed: i.i.d. acceptance until the first rejection, or a measured distribution. */
    private int acceptedDrafts(int k) {
        if (k == 0) {
            return 0;
        }
        ServingPolicy.Speculative spec = policy.speculative();
        double[] dist = spec.acceptedLengthDistribution();
        if (dist != null) {
            double u = acceptance.nextDouble();
            double c = 0;
            for (int a = 0; a < dist.length; a++) {
                c += dist[a];
                if (u < c) {
                    return Math.min(a, k);
                }
            }
            return Math.min(dist.length - 1, k);
        }
        int a = 0;
        while (a < k && acceptance.nextDouble() < spec.acceptanceRate()) {
            a++;
        }
        return a;
    }
}
