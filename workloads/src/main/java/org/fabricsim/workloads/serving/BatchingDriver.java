package org.fabricsim.workloads.serving;

import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.SystemLink;
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
 *
 * <p>With disaggregated prefill ({@link DisaggregatedPrefill}) the prompts run on a second set of replicas
 * under that system's own policy, which holds only the prompt's KV; the first token is emitted there, the
 * prompt's KV crosses a {@link SystemLink} to the decoding replica with the fewest requests handed over and
 * unfinished (chosen as the KV leaves, since the bytes go to that replica's own ports, sharing them with its
 * traffic and the other prompts' KV in flight), and the request then queues at that replica, which holds
 * prompt plus output and never runs a prompt.
 */
public final class BatchingDriver {

    private final String system;
    private final Timeline timeline;
    private final RequestSource source;
    private final ServingPolicy policy;
    private final RandomGenerator acceptance;
    /** The replicas that decode (and, without disaggregation, prefill). */
    private final ReplicaPool decode;
    /** The replicas that run the prompts when prefill is disaggregated, else null. */
    private final ReplicaPool prefill;
    private final SystemLink kvLink;
    private final double kvBytesPerToken;
    private final List<Request> arrived = new ArrayList<>();
    private final TokenLog tokens = new TokenLog();
    /** Where completed requests go: {@link #tokens} unless {@link #setSink} streams them elsewhere. */
    private TokenSink sink = tokens;
    private int completed;
    private boolean scheduling;
    private StepListener listener;

    /** A driver whose replicas run prompts and decode alike. */
    public BatchingDriver(String system, Timeline timeline, RequestSource source, Deployment deployment,
            ServingPolicy policy, RandomGenerator acceptance) {
        this(system, timeline, source, deployment, policy, acceptance, null, null, 0);
    }

    /**
     * A driver whose prompts run on {@code prefill}'s replicas under {@code prefillPolicy}, each prompt's KV cache
     * ({@code kvBytesPerToken} per prompt token) then crossing {@code kvLink} to {@code deployment}'s replicas,
     * which only decode. With a null {@code prefill} the replicas run both.
     */
    public BatchingDriver(String system, Timeline timeline, RequestSource source, Deployment deployment,
            ServingPolicy policy, RandomGenerator acceptance, Deployment prefill, ServingPolicy prefillPolicy,
            double kvBytesPerToken, SystemLink kvLink) {
        this(system, timeline, source, deployment, policy, acceptance,
                prefill == null ? null : new ReplicaPool(prefill.replicas(), prefillPolicy, true, deployment.replicas().size()),
                kvLink, kvBytesPerToken);
    }

    private BatchingDriver(String system, Timeline timeline, RequestSource source, Deployment deployment,
            ServingPolicy policy, RandomGenerator acceptance, ReplicaPool prefill, SystemLink kvLink, double kvBytesPerToken) {
        this.system = system;
        this.timeline = timeline;
        this.source = source;
        this.policy = policy;
        this.acceptance = acceptance;
        this.decode = new ReplicaPool(deployment.replicas(), policy, false, 0);
        this.prefill = prefill;
        this.kvLink = kvLink;
        this.kvBytesPerToken = kvBytesPerToken;
        if (prefill != null && kvLink == null) {
            throw new IllegalArgumentException(system + ": a disaggregated prefill needs a KV link");
        }
    }

    /**
     * Sets an observer of admissions and steps (for traces); null for none. Call before {@link #start}. Prefill
     * replicas of a disaggregated system are numbered after the decoding ones.
     */
    public void setListener(StepListener listener) {
        this.listener = listener;
    }

    /**
     * Sends each completed request to {@code sink} instead of keeping its tokens for {@link #result}, so memory
     * holds only the requests in flight. Call before {@link #start}.
     */
    public void setSink(TokenSink sink) {
        this.sink = sink;
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

    /** Bytes of KV cache sent from the prefill system to the decoding one (0 without disaggregation). */
    public double kvBytesTransferred() {
        return kvLink == null ? 0 : kvLink.bytesSent();
    }

    /** Throws unless every request has completed; call after the timeline has finished. */
    public void checkFinished() {
        if (!finished()) {
            throw new IllegalStateException(system + ": " + (source.totalRequests() - completed)
                    + " requests did not complete (stop time reached or the system stalled)");
        }
    }

    /** The record of this run, when no {@link #setSink sink} took its tokens; call after the timeline has finished. */
    public SystemRun result(int replication) {
        checkFinished();
        if (sink != tokens) {
            throw new IllegalStateException(system + ": the tokens went to a sink, the driver kept none");
        }
        List<Request> byId = new ArrayList<>(arrived);
        byId.sort((a, b) -> Long.compare(a.id(), b.id()));
        return new SystemRun(system, replication, byId, tokens);
    }

    private void arrive(Request r) {
        if (sink == tokens) {
            arrived.add(r);
        }
        checkFits(decode, r, "");
        if (prefill != null) {
            checkFits(prefill, r, "prefill ");
        }
        (prefill != null ? prefill : decode).waiting.add(new ServedSequence(r));
        schedule();
    }

    private void checkFits(ReplicaPool pool, Request r, String which) {
        for (StepEngine e : pool.engines) {
            if (pool.kvTokens(r) > e.kvCapacityTokens()) {
                throw new IllegalArgumentException(system + ": request " + r.id() + " needs " + pool.kvTokens(r)
                        + " tokens of KV cache but a " + which + "replica holds only " + e.kvCapacityTokens());
            }
        }
    }

    private void schedule() {
        if (scheduling) {
            return;
        }
        scheduling = true;
        try {
            if (prefill != null) {
                fill(prefill);
            }
            fill(decode);
        } finally {
            scheduling = false;
        }
    }

    private void fill(ReplicaPool pool) {
        for (int i = 0; i < pool.engines.size(); i++) {
            while (pool.stepsInFlight[i] < pool.engines.get(i).maxStepsInFlight() && launchStep(pool, i)) {
                // keep filling pipeline slots while there is work
            }
        }
    }

    /** Admits waiting requests to replica i of the pool and submits one step; false if there was nothing to run. */
    private boolean launchStep(ReplicaPool pool, int i) {
        admit(pool, i);
        StepEngine engine = pool.engines.get(i);
        ServingPolicy pol = pool.policy;
        List<ServedSequence> batch = new ArrayList<>();
        List<Step.SequenceWork> work = new ArrayList<>();
        int budget = pol.tokenBudget();
        int k = policy.speculative() == null ? 0 : policy.speculative().draftTokens();
        boolean anyDecode = false;
        boolean pipelineChunks = pol.chunkedPrefill() && engine.maxStepsInFlight() > 1;
        for (ServedSequence s : pool.running.get(i)) {
            if (batch.size() >= pol.batchLimit()) {
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
                int chunk = pol.chunkedPrefill() ? Math.min(remaining, budget) : remaining;
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
        for (ServedSequence s : batch) {
            s.stepsInFlight++;
        }
        int draftTokens = anyDecode ? k : 0;
        Step step = new Step(work, draftTokens);
        pool.stepsInFlight[i]++;
        double startS = timeline.now();
        engine.submit(step, () -> complete(pool, i, batch, step, startS));
        return true;
    }

    private void admit(ReplicaPool pool, int i) {
        StepEngine engine = pool.engines.get(i);
        int slots = pool.policy.batchLimit() * engine.maxStepsInFlight();
        Deque<ServedSequence> queue = pool.queueOf(i);
        while (!queue.isEmpty() && pool.running.get(i).size() < slots
                && pool.kvUsedTokens[i] + pool.kvTokens(queue.peekFirst().request) <= engine.kvCapacityTokens()) {
            ServedSequence s = queue.pollFirst();
            pool.kvUsedTokens[i] += pool.kvTokens(s.request);
            pool.running.get(i).add(s);
            if (listener != null) {
                listener.admitted(s.request, pool.firstReplicaId + i, timeline.now());
            }
        }
    }

    private void complete(ReplicaPool pool, int i, List<ServedSequence> batch, Step step, double startS) {
        pool.stepsInFlight[i]--;
        double now = timeline.now();
        if (listener != null) {
            listener.stepCompleted(pool.firstReplicaId + i, step, startS, now);
        }
        for (int j = 0; j < batch.size(); j++) {
            ServedSequence s = batch.get(j);
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
            boolean finished = s.generated >= s.request.outputTokens();
            if (finished || (pool.prefillOnly && s.prefillDone())) {
                pool.running.get(i).remove(s);
                pool.kvUsedTokens[i] -= pool.kvTokens(s.request);
            }
            if (finished) {
                if (prefill != null && !pool.prefillOnly) {
                    pool.committed[i]--;
                }
                completed++;
                sink.completed(s.request, s.emitS);
                s.emitS = null;
                source.completed(s.request);
            } else if (pool.prefillOnly && s.prefillDone()) {
                int to = decode.leastCommitted();
                decode.committed[to]++;
                kvLink.send(Math.round(kvBytesPerToken * s.request.promptTokens()), i, to, () -> {
                    decode.handedOver.get(to).add(s);
                    schedule();
                });
            }
        }
        schedule();
    }

    private void emit(ServedSequence s, int count, double now) {
        int n = Math.min(count, s.request.outputTokens() - s.generated);
        if (s.emitS == null) {
            s.emitS = new double[s.request.outputTokens()];
        }
        for (int t = 0; t < n; t++) {
            s.emitS[s.generated++] = now;
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
