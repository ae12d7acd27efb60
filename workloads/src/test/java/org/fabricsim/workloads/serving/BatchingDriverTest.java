package org.fabricsim.workloads.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.SystemLink;
import org.fabricsim.fabric.net.SystemLinks;
import org.fabricsim.workloads.requests.ClosedLoopSource;
import org.fabricsim.workloads.requests.OpenLoopSource;
import org.fabricsim.workloads.requests.Request;
import org.fabricsim.workloads.requests.WorkloadConfig;
import org.junit.jupiter.api.Test;

class BatchingDriverTest {

    /** An engine whose steps take a fixed time; records the largest batch and KV tokens it saw. */
    static final class FixedTimeEngine implements StepEngine {
        final Timeline timeline;
        final double stepS;
        final long kvCapacity;
        int inFlight;
        int maxInFlightSeen;
        int maxBatchSeen;
        int verifySteps;
        int prefillWorks;
        int decodeWorks;
        final int pipelineDepth;

        FixedTimeEngine(Timeline timeline, double stepS, long kvCapacity, int pipelineDepth) {
            this.timeline = timeline;
            this.stepS = stepS;
            this.kvCapacity = kvCapacity;
            this.pipelineDepth = pipelineDepth;
        }

        @Override
        public void submit(Step step, Runnable done) {
            inFlight++;
            maxInFlightSeen = Math.max(maxInFlightSeen, inFlight);
            maxBatchSeen = Math.max(maxBatchSeen, step.batchSize());
            if (step.draftTokens() > 0) {
                verifySteps++;
            }
            for (Step.SequenceWork w : step.sequences()) {
                if (w.prefill()) {
                    prefillWorks++;
                } else {
                    decodeWorks++;
                }
            }
            timeline.after(stepS, () -> {
                inFlight--;
                done.run();
            });
        }

        @Override
        public int maxStepsInFlight() {
            return pipelineDepth;
        }

        @Override
        public long kvCapacityTokens() {
            return kvCapacity;
        }
    }

    /**
     * A tandem of FIFO stages, each taking {@code secondsPerToken} per new token of a step: a layer pipeline
     * whose stages are compute-bound.
     */
    static final class TandemEngine implements StepEngine {
        final Timeline timeline;
        final double secondsPerToken;
        final double[] busyUntil;

        TandemEngine(Timeline timeline, int stages, double secondsPerToken) {
            this.timeline = timeline;
            this.secondsPerToken = secondsPerToken;
            this.busyUntil = new double[stages];
        }

        @Override
        public void submit(Step step, Runnable done) {
            double t = timeline.now();
            for (int s = 0; s < busyUntil.length; s++) {
                t = Math.max(t, busyUntil[s]) + secondsPerToken * step.totalNewTokens();
                busyUntil[s] = t;
            }
            timeline.at(t, done);
        }

        @Override
        public int maxStepsInFlight() {
            return busyUntil.length;
        }

        @Override
        public long kvCapacityTokens() {
            return 1_000_000;
        }
    }

    private static List<Request> fixed(int n, int prompt, int output) {
        List<Request> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new Request(i, 0, prompt, output));
        }
        return list;
    }

    private static SystemRun runClosed(StepEngine engine, Timeline t, List<Request> reqs, int users, ServingPolicy p) {
        BatchingDriver d = new BatchingDriver("s", t, new ClosedLoopSource(reqs, users, 0), new Deployment(List.of(engine)),
                p, new RandomStreams(1).stream("acceptance"));
        d.start();
        t.run();
        return d.result(0);
    }

    @Test
    void singleUser_tokensOneStepApart_firstAfterPrefill() {
        Timeline t = new Timeline();
        FixedTimeEngine e = new FixedTimeEngine(t, 0.01, 1_000_000, 1);
        SystemRun run = runClosed(e, t, fixed(3, 100, 5), 1, ServingPolicy.DEFAULT);
        TokenLog log = run.tokens();
        assertEquals(15, log.size());
        // request 0: prefill step emits token 0 at 0.01, then one decode step per token
        for (int i = 0; i < 5; i++) {
            assertEquals(0, log.requestId(i));
            assertEquals(i, log.tokenIndex(i));
            assertEquals(0.01 * (i + 1), log.emitS(i), 1e-12);
        }
        // the closed-loop user sends request 1 when request 0 is done
        assertEquals(0.05, run.requests().get(1).arrivalS(), 1e-12);
    }

    /** Prompts on {@code prefill}, decoding on {@code decode}, 1,000 KV bytes per token over a 1 MB/s link with 20 ms latency. */
    private static BatchingDriver disaggregated(Timeline t, FixedTimeEngine decode, FixedTimeEngine prefill,
            List<Request> reqs, int batch) {
        ServingPolicy policy = new ServingPolicy(batch, null, null, null);
        return new BatchingDriver("s", t, new OpenLoopSource(reqs), new Deployment(List.of(decode)), policy,
                new RandomStreams(1).stream("acceptance"), new Deployment(List.of(prefill)), policy, 1000,
                new SystemLinks(t).add(1e6, 0.02));
    }

    /** A disaggregated run's driver and its two engines. */
    private record Disaggregated(BatchingDriver driver, FixedTimeEngine decode, FixedTimeEngine prefill) {
    }

    /** {@link #disaggregated} with a decode step of 10 ms and a prefill step of 50 ms, run to the end. */
    private static Disaggregated runDisaggregated(long decodeKv, long prefillKv, List<Request> reqs, int batch) {
        Timeline t = new Timeline();
        FixedTimeEngine decode = new FixedTimeEngine(t, 0.01, decodeKv, 1);
        FixedTimeEngine prefill = new FixedTimeEngine(t, 0.05, prefillKv, 1);
        BatchingDriver d = disaggregated(t, decode, prefill, reqs, batch);
        d.start();
        t.run();
        return new Disaggregated(d, decode, prefill);
    }

    @Test
    void disaggregatedPrefill_firstTokenFromThePrefillSystem_decodeOnceTheKvHasCrossed() {
        Disaggregated run = runDisaggregated(1_000_000, 1_000_000, fixed(1, 100, 5), 1);
        TokenLog log = run.driver().result(0).tokens();
        assertEquals(5, log.size());
        assertEquals(0.05, log.emitS(0), 1e-12);
        // 100 tokens x 1,000 B at 1 MB/s = 0.1 s on the link, 0.02 s latency, then one decode step per token
        for (int i = 1; i < 5; i++) {
            assertEquals(0.05 + 0.1 + 0.02 + 0.01 * i, log.emitS(i), 1e-12, "token " + i);
        }
        assertEquals(1, run.prefill().prefillWorks);
        assertEquals(0, run.prefill().decodeWorks);
        assertEquals(0, run.decode().prefillWorks);
        assertEquals(4, run.decode().decodeWorks);
        assertEquals(100 * 1000, run.driver().kvBytesTransferred(), 1e-9);
    }

    @Test
    void disaggregatedPrefill_overlappingTransfers_shareTheKvLink() {
        // The prompts prefill one after the other (0.05 s, 0.10 s). The first KV sends 50 kB alone, then both
        // share 1 MB/s: the first leaves at 0.20 s, the second has 50 kB left and sends it alone by 0.25 s.
        TokenLog log = runDisaggregated(1_000_000, 1_000_000, fixed(2, 100, 2), 2).driver().result(0).tokens();
        double[][] emitS = new double[2][2];
        for (int i = 0; i < log.size(); i++) {
            emitS[(int) log.requestId(i)][log.tokenIndex(i)] = log.emitS(i);
        }
        assertEquals(0.05, emitS[0][0], 1e-12);
        assertEquals(0.10, emitS[1][0], 1e-12);
        assertEquals(0.20 + 0.02 + 0.01, emitS[0][1], 1e-12);
        assertEquals(0.25 + 0.02 + 0.01, emitS[1][1], 1e-12);
    }

    @Test
    void disaggregatedPrefill_kvGoesToTheDecodingReplicaWithFewestUnfinished_andDecodesThere() {
        // Prompts finish one after the other (0.05, 0.10, 0.15, 0.20 s). Request 0 decodes one token and is done
        // by 0.07 s, so at 0.10 s both replicas hold none and request 1 goes to the lower one; request 2 then finds
        // replica 0 busier, request 3 both equal.
        Timeline t = new Timeline();
        List<Integer> sentTo = new ArrayList<>();
        SystemLink fast = new SystemLinks(t).add(1e9, 0);
        SystemLink link = new SystemLink() {
            @Override
            public void send(long bytes, int from, int to, Runnable arrived) {
                sentTo.add(to);
                fast.send(bytes, from, to, arrived);
            }

            @Override
            public long bytesSent() {
                return fast.bytesSent();
            }
        };
        List<Request> reqs = List.of(new Request(0, 0, 100, 2), new Request(1, 0, 100, 50), new Request(2, 0, 100, 50),
                new Request(3, 0, 100, 50));
        ServingPolicy policy = new ServingPolicy(4, null, null, null);
        FixedTimeEngine prefill = new FixedTimeEngine(t, 0.05, 1_000_000, 1);
        BatchingDriver d = new BatchingDriver("s", t, new OpenLoopSource(reqs),
                new Deployment(List.of(new FixedTimeEngine(t, 0.01, 1_000_000, 1), new FixedTimeEngine(t, 0.01, 1_000_000, 1))),
                policy, new RandomStreams(1).stream("acceptance"), new Deployment(List.of(prefill)),
                new ServingPolicy(1, null, null, null), 1000, link);
        int[] decodedOn = new int[4];
        d.setListener(new StepListener() {
            @Override
            public void admitted(Request request, int replica, double timeS) {
                if (replica < 2) {
                    decodedOn[(int) request.id()] = replica;
                }
            }

            @Override
            public void stepCompleted(int replica, Step step, double startS, double endS) {
            }
        });
        d.start();
        t.run();
        assertTrue(d.finished());
        assertEquals(List.of(0, 0, 1, 0), sentTo);
        assertEquals(List.of(0, 0, 1, 0), List.of(decodedOn[0], decodedOn[1], decodedOn[2], decodedOn[3]));
    }

    @Test
    void disaggregatedPrefill_thePrefillSystemHoldsOnlyThePrompt() {
        // 100 + 100 tokens would not fit a 150-token cache, but the prefill system keeps only the 100 of the prompt
        assertTrue(runDisaggregated(1_000, 150, fixed(3, 100, 100), 1).driver().finished());
        Timeline t2 = new Timeline();
        BatchingDriver tooSmall = disaggregated(t2, new FixedTimeEngine(t2, 0.01, 150, 1),
                new FixedTimeEngine(t2, 0.05, 1_000, 1), fixed(1, 100, 100), 1);
        tooSmall.start();
        RuntimeException e = assertThrows(RuntimeException.class, t2::run);
        String why = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        assertTrue(why.contains("needs 200 tokens"), why);
    }

    @Test
    void chunkedPrompt_onPipeline_chunksFollowEachOtherThroughTheStages() {
        // P tokens in chunks of c through S stages of a seconds per token: the first chunk takes c*a*S, each
        // later one leaves the last stage c*a after the previous (tandem queue with equal service times)
        int stages = 10;
        double a = 1e-3;
        int prompt = 400;
        int chunk = 50;
        Timeline t = new Timeline();
        SystemRun chunked = runClosed(new TandemEngine(t, stages, a), t, fixed(1, prompt, 3), 1,
                new ServingPolicy(1, chunk, true, null));
        assertEquals(a * (chunk * stages + prompt - chunk), chunked.tokens().emitS(0), 1e-9);
        // decode starts after the last chunk: one token through every stage
        assertEquals(a * (chunk * stages + prompt - chunk) + a * stages, chunked.tokens().emitS(1), 1e-9);

        Timeline t2 = new Timeline();
        SystemRun whole = runClosed(new TandemEngine(t2, stages, a), t2, fixed(1, prompt, 3), 1, ServingPolicy.DEFAULT);
        assertEquals(a * prompt * stages, whole.tokens().emitS(0), 1e-9);
    }

    @Test
    void batchLimit_andPipelineDepth_neverExceeded() {
        Timeline t = new Timeline();
        FixedTimeEngine e = new FixedTimeEngine(t, 0.01, 1_000_000, 3);
        runClosed(e, t, fixed(200, 10, 20), 50, new ServingPolicy(4, null, null, null));
        assertEquals(4, e.maxBatchSeen);
        assertEquals(3, e.maxInFlightSeen);
    }

    @Test
    void kvCapacity_limitsConcurrentRequests() {
        Timeline t = new Timeline();
        // each request reserves 10 + 20 = 30 tokens; 100 tokens of KV fit 3 at once
        FixedTimeEngine e = new FixedTimeEngine(t, 0.01, 100, 1);
        runClosed(e, t, fixed(30, 10, 20), 10, new ServingPolicy(16, null, null, null));
        assertEquals(3, e.maxBatchSeen);
    }

    @Test
    void requestLargerThanKvCache_isRefusedWithItsSize() {
        Timeline t = new Timeline();
        FixedTimeEngine e = new FixedTimeEngine(t, 0.01, 100, 1);
        var ex = assertThrows(RuntimeException.class, () -> runClosed(e, t, fixed(1, 90, 20), 1, ServingPolicy.DEFAULT));
        assertTrue(String.valueOf(ex.getCause() == null ? ex.getMessage() : ex.getCause().getMessage()).contains("110"));
    }

    @Test
    void speculativeDecoding_meanTokensPerVerifyStep_matchesGeometricAcceptance() {
        Timeline t = new Timeline();
        FixedTimeEngine e = new FixedTimeEngine(t, 0.01, 10_000_000, 1);
        double a = 0.7;
        int k = 4;
        var spec = new ServingPolicy.Speculative(null, 1, k, a, null);
        int output = 100_001;
        SystemRun run = runClosed(e, t, fixed(1, 10, output), 1, new ServingPolicy(1, null, null, spec));
        // tokens after the first come from verify steps; the last steps may be truncated by the output length
        double perStep = (output - 1) / (double) e.verifySteps;
        double expected = (1 - Math.pow(a, k + 1)) / (1 - a);
        assertEquals(expected, perStep, 0.02 * expected);
        // tokens emitted together carry the same emit time
        int together = 0;
        for (int i = 1; i < run.tokens().size(); i++) {
            if (run.tokens().emitS(i) == run.tokens().emitS(i - 1)) {
                together++;
            }
        }
        assertEquals(output - 1 - e.verifySteps, together);
    }

    @Test
    void tokenBudgetBelowAVerifyPass_isRefusedNamingBothFields() {
        var spec = new ServingPolicy.Speculative(null, 1, 3, 0.8, null);
        var ex = assertThrows(IllegalArgumentException.class, () -> new ServingPolicy(1, 3, true, spec));
        assertTrue(ex.getMessage().contains("token_budget: 3") && ex.getMessage().contains("draft_tokens"), ex.getMessage());
        // exactly one verify pass fits: accepted
        assertEquals(4, new ServingPolicy(1, 4, true, spec).tokenBudget());
    }

    /**
     * Batch 1 with a fixed step time is an M/D/1 queue: service = prefill step + (n - 1) decode steps.
     * Mean wait (TTFT minus the prefill step) must match Pollaczek-Khinchine, rho S / (2 (1 - rho)).
     */
    @Test
    void batchOne_poissonArrivals_waitMatchesPollaczekKhinchine() {
        double step = 0.001;
        int outputTokens = 10;
        double service = step * outputTokens;
        double rho = 0.6;
        WorkloadConfig w = new WorkloadConfig("poisson", 200_000, rho / service, null, null, 1, outputTokens);
        List<Request> reqs = w.requestList(new RandomStreams(3));
        Timeline t = new Timeline();
        FixedTimeEngine e = new FixedTimeEngine(t, step, 1_000_000, 1);
        BatchingDriver d = new BatchingDriver("s", t, new OpenLoopSource(reqs), new Deployment(List.of(e)),
                ServingPolicy.DEFAULT, new RandomStreams(1).stream("acceptance"));
        d.start();
        t.run();
        SystemRun run = d.result(0);
        double[] first = new double[reqs.size()];
        for (int i = 0; i < run.tokens().size(); i++) {
            if (run.tokens().tokenIndex(i) == 0) {
                first[(int) run.tokens().requestId(i)] = run.tokens().emitS(i);
            }
        }
        // batch means over 50 batches for a confidence interval on the mean wait
        SummaryStatistics batches = new SummaryStatistics();
        int per = reqs.size() / 50;
        for (int b = 0; b < 50; b++) {
            double sum = 0;
            for (int i = b * per; i < (b + 1) * per; i++) {
                sum += first[i] - reqs.get(i).arrivalS() - step;
            }
            batches.addValue(sum / per);
        }
        double theory = rho * service / (2 * (1 - rho));
        double half = new TDistribution(49).inverseCumulativeProbability(0.975) * batches.getStandardDeviation()
                / Math.sqrt(50);
        assertEquals(theory, batches.getMean(), Math.max(0.03 * theory, half),
                "M/D/1 wait " + batches.getMean() + " +- " + half + " vs P-K " + theory);
    }
}
