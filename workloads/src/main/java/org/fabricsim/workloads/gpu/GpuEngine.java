package org.fabricsim.workloads.gpu;

import java.util.ArrayDeque;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.timeline.Countdown;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.gpu.AllReduceAlgorithm;
import org.fabricsim.fabric.gpu.Collectives;
import org.fabricsim.fabric.gpu.KernelModel;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.fabricsim.workloads.moe.ExpertRouter;
import org.fabricsim.workloads.moe.ReplicaSplitter;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;

/**
 * One data-parallel replica of a GPU deployment. A forward pass runs stage by stage (one step per stage at a
 * time, so up to {@code pipeline_parallel} steps in flight), layer by layer: the kernels of a phase are summed
 * arithmetically ({@link LayerCostModel}) and become the delay before the next collective, and only the
 * collectives (tensor-parallel all-reduce, expert-parallel dispatch and combine, stage-to-stage activations)
 * are flows on the cluster's network, where they contend with the other replicas' traffic. Speculative steps
 * first run the draft's k single-token passes on the first stage.
 */
public final class GpuEngine implements StepEngine {
    /** DeepEP low-latency dispatch sends each (token, expert) as FP8 with one 4-byte scale per 128 values. */
    static final int FP8_SCALE_GROUP = 128;

    private final GpuPlacement placement;
    private final int replica;
    private final KernelModel kernels;
    private final Collectives collectives;
    private final AllReduceAlgorithm algorithm;
    private final ServingPolicy.Speculative speculative;
    private final Timeline timeline;
    private final ExpertPopularity popularity;
    private final RandomGenerator random;
    private ExpertRouter router;
    private ExpertRanks draftRanks;
    private final java.util.Map<ExpertLayout, ReplicaSplitter> splitters = new java.util.IdentityHashMap<>();
    private final LayerCostModel targetCost;
    private final LayerCostModel draftCost;
    private final int[][] stageGpus;
    private final int[][][] tpGroups;
    private final int[][][] singleGpus;
    private final boolean[] busy;
    /** The replica's collectives can never share a link with another transfer (see {@link #ownsItsNode}). */
    private final boolean ownLinks;
    private final ArrayDeque<Runnable>[] waiting;
    /** Routed-expert outputs are summed by the layer-end all-reduce instead of a dispatch and combine. */
    private final boolean expertsByAllReduce;

    @SuppressWarnings("unchecked")
    public GpuEngine(GpuPlacement placement, int replica, KernelModel kernels, Collectives collectives,
            AllReduceAlgorithm algorithm, ServingPolicy.Speculative speculative, Timeline timeline,
            ExpertPopularity popularity, RandomGenerator random, HbmMeter meter, boolean expertsByAllReduce) {
        this.placement = placement;
        this.expertsByAllReduce = expertsByAllReduce;
        this.replica = replica;
        this.kernels = kernels;
        this.collectives = collectives;
        this.algorithm = algorithm;
        this.speculative = speculative;
        this.timeline = timeline;
        this.popularity = popularity == null ? ExpertPopularity.UNIFORM : popularity;
        // routing draws dominate a MoE step: a fast generator seeded from the replica's stream (RoutingRandom)
        this.random = random == null ? null : new RoutingRandom(random.nextLong());
        this.targetCost = new LayerCostModel(placement, kernels, placement.model(), true, meter);
        this.draftCost = placement.draftModel() == null ? null
                : new LayerCostModel(placement, kernels, placement.draftModel(), false, meter);
        int pp = placement.pipelineParallel();
        int tp = placement.tensorParallel();
        stageGpus = new int[pp][placement.stageGpus()];
        tpGroups = new int[pp][placement.attentionGroups()][tp];
        singleGpus = new int[pp][placement.stageGpus()][1];
        for (int s = 0; s < pp; s++) {
            for (int r = 0; r < placement.stageGpus(); r++) {
                int id = placement.gpuId(replica, s, r);
                stageGpus[s][r] = id;
                singleGpus[s][r][0] = id;
                tpGroups[s][r / tp][r % tp] = id;
            }
        }
        ownLinks = ownsItsNode();
        busy = new boolean[pp];
        waiting = new ArrayDeque[pp];
        for (int s = 0; s < pp; s++) {
            waiting[s] = new ArrayDeque<>();
        }
    }

    /**
     * True if this replica is one pipeline stage on one node that no other replica of the deployment uses: then
     * its collectives run one at a time on NVLink ports and an NVSwitch no other transfer touches, and their
     * max-min rates are known in closed form ({@link Collectives#allReduceOnOwnLinks}). With several attention
     * groups their all-reduces run at once and share the NVSwitch, so those keep the flow network.
     */
    private boolean ownsItsNode() {
        if (placement.pipelineParallel() != 1) {
            return false;
        }
        org.fabricsim.fabric.gpu.GpuCluster cluster = collectives.cluster();
        int node = cluster.nodeOf(stageGpus[0][0]);
        for (int r = 0; r < placement.dataParallel(); r++) {
            for (int rank = 0; rank < placement.stageGpus(); rank++) {
                int gpu = placement.gpuId(r, 0, rank);
                if (gpu >= cluster.gpus()) {
                    return false;
                }
                boolean inNode = cluster.nodeOf(gpu) == node;
                if (inNode != (r == replica)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public void submit(Step step, Runnable done) {
        StepBatch batch = StepBatch.of(step, placement.attentionGroups());
        enter(0, step, batch, done);
    }

    @Override
    public int maxStepsInFlight() {
        return placement.pipelineParallel();
    }

    @Override
    public long kvCapacityTokens() {
        return placement.kvCapacityTokens();
    }

    public GpuPlacement placement() {
        return placement;
    }

    private void enter(int stage, Step step, StepBatch batch, Runnable done) {
        if (busy[stage]) {
            waiting[stage].add(() -> enter(stage, step, batch, done));
            return;
        }
        busy[stage] = true;
        Runnable main = () -> new Pass(stage, batch, targetCost, placement.stageStart(stage), placement.stageEnd(stage),
                stage == 0, stage == placement.pipelineParallel() - 1, () -> leave(stage, step, batch, done)).start();
        int k = step.draftTokens();
        if (stage == 0 && k > 0) {
            runDrafts(step, k, main);
        } else {
            main.run();
        }
    }

    /** The draft's k sequential single-token passes: a draft model, or the first draft_layers layers of the target. */
    private void runDrafts(Step step, int remaining, Runnable then) {
        if (remaining == 0) {
            then.run();
            return;
        }
        StepBatch draftBatch = StepBatch.draftOf(step, placement.attentionGroups());
        if (draftBatch.isEmpty()) {
            then.run();
            return;
        }
        Runnable next = () -> runDrafts(step, remaining - 1, then);
        if (draftCost != null) {
            new Pass(0, draftBatch, draftCost, 0, draftCost.model().layerCount(), true, true, next).start();
        } else {
            int layers = speculative == null ? 1 : Math.min(speculative.draftLayers(), placement.model().layerCount());
            new Pass(0, draftBatch, targetCost, 0, Math.max(1, layers), true, true, next).start();
        }
    }

    private void leave(int stage, Step step, StepBatch batch, Runnable done) {
        if (stage == placement.pipelineParallel() - 1) {
            release(stage);
            done.run();
            return;
        }
        int tp = placement.tensorParallel();
        long bytes = (long) Math.ceil(batch.totalTokens() * placement.model().hiddenSize()
                * LayerCostModel.ACTIVATION_BYTES / tp);
        Countdown c = new Countdown(tp, () -> {
            release(stage);
            enter(stage + 1, step, batch, done);
        });
        for (int r = 0; r < tp; r++) {
            collectives.pointToPoint(stageGpus[stage][r], stageGpus[stage + 1][r], bytes, kernels.launchOverheadS(), c);
        }
    }

    private void release(int stage) {
        busy[stage] = false;
        Runnable next = waiting[stage].poll();
        if (next != null) {
            next.run();
        }
    }

    /** A pass over layers [from, to) of one stage; compute accumulates in {@code pendingS} until a collective. */
    private final class Pass {
        final int stage;
        final StepBatch batch;
        final LayerCostModel cost;
        final List<LayerSpec> layers;
        final int to;
        final boolean embed;
        final boolean head;
        final Runnable done;
        int layer;
        double pendingS;

        Pass(int stage, StepBatch batch, LayerCostModel cost, int from, int to, boolean embed, boolean head,
                Runnable done) {
            this.stage = stage;
            this.batch = batch;
            this.cost = cost;
            this.layers = cost.model().layers();
            this.layer = from;
            this.to = to;
            this.embed = embed;
            this.head = head;
            this.done = done;
        }

        void start() {
            if (embed) {
                double m = 0;
                for (int g = 0; g < batch.groups; g++) {
                    m = Math.max(m, cost.on(tpGroups[stage][g]).embeddingS(batch.tokens[g]));
                }
                pendingS += m;
            }
            attention();
        }

        void attention() {
            while (layer < to) {
                LayerSpec l = layers.get(layer);
                double m = 0;
                for (int g = 0; g < batch.groups; g++) {
                    m = Math.max(m, cost.on(tpGroups[stage][g]).attentionS(l, batch.tokens[g], batch.kvTokensRead(l, g),
                            batch.attendedPairs(l, g)));
                }
                pendingS += m;
                if (placement.tensorParallel() > 1) {
                    allReduceGroups(this::ffn);
                    return;
                }
                if (!ffnInline()) {
                    return;
                }
            }
            finish();
        }

        void ffn() {
            if (ffnInline()) {
                attention();
            }
        }

        /** Runs the FFN phase of the current layer; returns true if it completed without waiting on the network. */
        boolean ffnInline() {
            LayerSpec l = layers.get(layer);
            if (l.moe() == null) {
                double m = 0;
                for (int g = 0; g < batch.groups; g++) {
                    m = Math.max(m, cost.on(tpGroups[stage][g]).denseFfnS(l, batch.tokens[g]));
                }
                pendingS += m;
                return endLayer();
            }
            return moe(l);
        }

        boolean endLayer() {
            layer++;
            if (placement.tensorParallel() > 1) {
                allReduceGroups(this::attention);
                return false;
            }
            return true;
        }

        boolean moe(LayerSpec l) {
            LayerSpec.MoeSpec moe = l.moe();
            int tp = placement.tensorParallel();
            int n = placement.stageGpus();
            int shard = placement.expertShard();
            int experts = moe.routedExperts();
            double router = 0;
            for (int g = 0; g < batch.groups; g++) {
                router = Math.max(router, cost.on(tpGroups[stage][g]).routerS(l, batch.tokens[g]));
            }
            pendingS += router;
            ExpertRanks ranks = expertRanks(cost, experts);
            ReplicaSplitter splitter = splitter(ranks.layout());
            int copies = ranks.layout().copies();
            // (token, expert) pairs per copy of an expert: a replicated expert's tokens are split over its copies
            int[] counts = new int[copies];
            // with the all-reduce flow every rank already holds every token: no dispatch, no combine
            boolean expertParallel = placement.expertParallel() > 1 && !expertsByAllReduce;
            long[][] dispatch = expertParallel ? new long[n][n] : null;
            long[][] combine = expertParallel ? new long[n][n] : null;
            long dispatchMsg = cost.hidden() + 4L * ((cost.hidden() + FP8_SCALE_GROUP - 1) / FP8_SCALE_GROUP);
            long combineMsg = (long) cost.hidden() * LayerCostModel.ACTIVATION_BYTES;
            ExpertRouter r = router(experts, moe.activeExperts());
            int[] chosen = new int[moe.activeExperts()];
            int ep = placement.expertParallel();
            // (token, expert) pairs per (source GPU, expert rank): one increment per pair, bytes once at the end
            int[] toRank = expertParallel ? new int[n * ep] : null;
            int[] groupCounts = new int[experts];
            int[] groupCopyCounts = new int[copies];
            for (int g = 0; g < batch.groups; g++) {
                int tokens = (int) Math.round(batch.tokens[g]);
                int src = g * tp;
                if (tokens >= ExpertRouter.AGGREGATE_TOKENS) {
                    // a prefill chunk: counts at once; the group's tokens are dealt round robin over its
                    // tp source GPUs, so each source sends an even share of every expert copy's tokens
                    java.util.Arrays.fill(groupCounts, 0);
                    java.util.Arrays.fill(groupCopyCounts, 0);
                    r.routeTokens(tokens, groupCounts);
                    splitter.split(groupCounts, groupCopyCounts);
                    for (int c = 0; c < copies; c++) {
                        int pairs = groupCopyCounts[c];
                        counts[c] += pairs;
                        for (int k = 0; expertParallel && k < tp; k++) {
                            toRank[(g * tp + k) * ep + ranks.rankOf(c)] += pairs / tp + (k < pairs % tp ? 1 : 0);
                        }
                    }
                    continue;
                }
                for (int t = 0; t < tokens; t++) {
                    r.route(chosen);
                    for (int e : chosen) {
                        int c = splitter.copyFor(e);
                        counts[c]++;
                        if (expertParallel) {
                            toRank[src * ep + ranks.rankOf(c)]++;
                        }
                    }
                    src = src + 1 == (g + 1) * tp ? g * tp : src + 1;
                }
            }
            for (int src = 0; expertParallel && src < n; src++) {
                for (int rank = 0; rank < ep; rank++) {
                    long pairs = toRank[src * ep + rank];
                    for (int k = 0; k < shard; k++) {
                        int dst = rank * shard + k;
                        dispatch[src][dst] += pairs * dispatchMsg;
                        combine[dst][src] += pairs * combineMsg;
                    }
                }
            }
            long[] pairsOnRank = new long[ep];
            int[] touchedOnRank = new int[ep];
            for (int c = 0; c < copies; c++) {
                pairsOnRank[ranks.rankOf(c)] += counts[c];
                touchedOnRank[ranks.rankOf(c)] += counts[c] > 0 ? 1 : 0;
            }
            double expertPhase = 0;
            for (int gpu = 0; gpu < n; gpu++) {
                int rank = gpu / shard;
                double s = cost.on(singleGpus[stage][gpu]).routedExpertsS(l, pairsOnRank[rank], touchedOnRank[rank], shard)
                        + cost.sharedExpertsS(l, batch.tokens[gpu / tp]);
                expertPhase = Math.max(expertPhase, s);
            }
            if (!expertParallel) {
                pendingS += expertPhase;
                return endLayer();
            }
            int[] gpus = stageGpus[stage];
            double expertS = expertPhase;
            double before = take() + kernels.launchOverheadS();
            Runnable afterCombine = () -> {
                layer++;
                attention();
            };
            double compute = expertS + kernels.launchOverheadS();
            if (ownLinks) {
                collectives.allToAllOnOwnLinks(gpus, dispatch, before,
                        () -> collectives.allToAllOnOwnLinks(gpus, combine, compute, afterCombine));
            } else {
                collectives.allToAll(gpus, dispatch, before,
                        () -> collectives.allToAll(gpus, combine, compute, afterCombine));
            }
            return false;
        }

        void allReduceGroups(Runnable then) {
            int[][] groups = tpGroups[stage];
            double before = take() + kernels.launchOverheadS();
            if (ownLinks && groups.length == 1) {
                long bytes = (long) Math.ceil(batch.tokens[0] * cost.hidden() * LayerCostModel.ACTIVATION_BYTES);
                collectives.allReduceOnOwnLinks(groups[0], bytes, algorithm, before, then);
                return;
            }
            Countdown c = new Countdown(groups.length, then);
            for (int g = 0; g < groups.length; g++) {
                long bytes = (long) Math.ceil(batch.tokens[g] * cost.hidden() * LayerCostModel.ACTIVATION_BYTES);
                collectives.allReduce(groups[g], bytes, algorithm, before, c);
            }
        }

        void finish() {
            if (head) {
                double m = 0;
                for (int g = 0; g < batch.groups; g++) {
                    m = Math.max(m, cost.on(tpGroups[stage][g]).lmHeadS(batch.logitRows[g]));
                }
                pendingS += m;
            }
            timeline.after(take(), done);
        }

        double take() {
            double s = pendingS;
            pendingS = 0;
            return s;
        }
    }

    /**
     * Where a layer's routed experts live: the placement's ranks (policy, hot replicas) for the target model; a
     * draft model's experts in contiguous blocks without replicas.
     */
    private ExpertRanks expertRanks(LayerCostModel cost, int experts) {
        if (cost == targetCost) {
            return placement.expertRanks(experts);
        }
        if (draftRanks == null || draftRanks.layout().experts() != experts) {
            draftRanks = ExpertRanks.contiguous(experts, placement.expertParallel());
        }
        return draftRanks;
    }

    /** This replica's splitter for a layout (it keeps whose turn it is across steps). */
    private ReplicaSplitter splitter(ExpertLayout layout) {
        return splitters.computeIfAbsent(layout, ExpertLayout::splitter);
    }

    /** The router of the model's MoE layers (the popularity's weights over their routed experts). */
    private ExpertRouter router(int experts, int active) {
        if (router == null || router.experts() != experts || router.activeExperts() != active) {
            router = new ExpertRouter(popularity.weights(experts, null), active, random);
        }
        return router;
    }
}
