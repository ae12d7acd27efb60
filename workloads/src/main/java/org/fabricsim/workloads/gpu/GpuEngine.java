package org.fabricsim.workloads.gpu;

import java.util.ArrayDeque;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.core.timeline.Countdown;
import org.fabricsim.fabric.api.Collective;
import org.fabricsim.fabric.api.Fabric;
import org.fabricsim.fabric.api.HostWait;
import org.fabricsim.fabric.api.Work;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.fabricsim.workloads.moe.ExpertRouter;
import org.fabricsim.workloads.moe.ReplicaSplitter;
import org.fabricsim.workloads.moe.TokenDispatch;
import org.fabricsim.workloads.serving.ServingPolicy;
import org.fabricsim.workloads.serving.SpeculativeDrafts;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;

/**
 * One data-parallel replica of a GPU deployment, as operations on a GPU {@link Fabric}. A forward pass runs
 * stage by stage (one step per stage at a time, so up to {@code pipeline_parallel} steps in flight), layer by
 * layer: each phase is the kernels every GPU of the stage runs ({@link LayerCostModel}), and between phases
 * come the collectives (tensor-parallel all-reduce, expert-parallel dispatch and combine) and, between stages,
 * the activations' transfers. Speculative steps first run the draft's k single-token passes on the first stage.
 */
public final class GpuEngine implements StepEngine {
    /** DeepEP low-latency dispatch sends each (token, expert) as FP8 with one 4-byte scale per 128 values. */
    static final int FP8_SCALE_GROUP = 128;

    private final GpuPlacement placement;
    private final Fabric fabric;
    private final ServingPolicy.Speculative speculative;
    private final ExpertPopularity popularity;
    private final RandomGenerator random;
    private ExpertRouter router;
    private ExpertRanks draftRanks;
    private ExpertRanks targetRanks;
    private final java.util.Map<ExpertLayout, ReplicaSplitter> splitters = new java.util.IdentityHashMap<>();
    private final LayerCostModel targetCost;
    private final LayerCostModel draftCost;
    private final int[][] stageGpus;
    private final int[][][] tpGroups;
    private final boolean[] busy;
    private final ArrayDeque<Runnable>[] waiting;
    /** Routed-expert outputs are summed by the layer-end all-reduce instead of a dispatch and combine. */
    private final boolean expertsByAllReduce;
    /**
     * Scratch of an MoE layer's routing, reused by every layer (a layer's routing ends before the next begins):
     * (token, expert) pairs per expert copy (zeroed as read), the copies that got any, and one group's counts.
     */
    private int[] copyPairs = new int[0];
    private int[] copiesHit = new int[0];
    private final TokenDispatch tokenDispatch = new TokenDispatch();
    /** Per stage, its MoE layers' exchange arrays (one layer of a stage runs at a time). */
    private final MoeExchange[] exchanges;
    /** What the first stage's GPUs wait for their host before each step, or null when the stack hides it all. */
    private final HostWait hostWait;

    @SuppressWarnings("unchecked")
    public GpuEngine(GpuPlacement placement, int replica, Fabric fabric, ServingPolicy.Speculative speculative,
            ExpertPopularity popularity, RandomGenerator random, boolean expertsByAllReduce, double stepOverheadS) {
        this.placement = placement;
        this.hostWait = stepOverheadS > 0 ? new HostWait(stepOverheadS) : null;
        this.expertsByAllReduce = expertsByAllReduce;
        this.fabric = fabric;
        this.speculative = speculative;
        this.popularity = popularity == null ? ExpertPopularity.UNIFORM : popularity;
        // routing draws dominate a MoE step: a fast generator seeded from the replica's stream (RoutingRandom)
        this.random = random == null ? null : new RoutingRandom(random.nextLong());
        // without a dispatch collective or the all-reduce flow, each GPU lays out its routed tokens itself
        boolean gathers = placement.expertParallel() == 1 && !expertsByAllReduce;
        this.targetCost = new LayerCostModel(placement, placement.model(), true, gathers);
        this.draftCost = placement.draftModel() == null ? null
                : new LayerCostModel(placement, placement.draftModel(), false, gathers);
        int pp = placement.pipelineParallel();
        int tp = placement.tensorParallel();
        stageGpus = new int[pp][placement.stageGpus()];
        tpGroups = new int[pp][placement.attentionGroups()][tp];
        for (int s = 0; s < pp; s++) {
            for (int r = 0; r < placement.stageGpus(); r++) {
                int id = placement.gpuId(replica, s, r);
                stageGpus[s][r] = id;
                tpGroups[s][r / tp][r % tp] = id;
            }
        }
        boolean exchange = placement.expertParallel() > 1 && !expertsByAllReduce;
        exchanges = new MoeExchange[pp];
        for (int s = 0; s < pp; s++) {
            exchanges[s] = new MoeExchange(placement.stageGpus(), placement.expertParallel(), placement.expertShard(),
                    exchange);
        }
        busy = new boolean[pp];
        waiting = new ArrayDeque[pp];
        for (int s = 0; s < pp; s++) {
            waiting[s] = new ArrayDeque<>();
        }
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
        Runnable pass = stage == 0 && k > 0 ? () -> SpeculativeDrafts.run(step, this::draftPass, main) : main;
        if (stage == 0 && hostWait != null) {
            // the host schedules the step (and samples and detokenises the last one's tokens) before its GPUs start
            fabric.begin(() -> fabric.compute(stageGpus[0][0], hostWait, pass));
        } else {
            fabric.begin(pass);
        }
    }

    /** One draft pass on the first stage: a draft model, or the first draft_layers layers of the target. */
    private void draftPass(Step pass, Runnable done) {
        StepBatch batch = StepBatch.of(pass, placement.attentionGroups());
        if (draftCost != null) {
            new Pass(0, batch, draftCost, 0, draftCost.model().layerCount(), true, true, done).start();
        } else {
            int layers = speculative == null ? 1 : Math.min(speculative.draftLayers(), placement.model().layerCount());
            new Pass(0, batch, targetCost, 0, Math.max(1, layers), true, true, done).start();
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
            fabric.transfer(stageGpus[stage][r], stageGpus[stage + 1][r], bytes, c);
        }
    }

    private void release(int stage) {
        busy[stage] = false;
        Runnable next = waiting[stage].poll();
        if (next != null) {
            next.run();
        }
    }

    /** A pass over layers [from, to) of one stage, phase by phase. */
    private final class Pass {
        final int stage;
        final StepBatch batch;
        final LayerCostModel cost;
        final List<LayerSpec> layers;
        final int to;
        final boolean embed;
        final boolean head;
        final Runnable done;
        /** The attention, dense-FFN and router phases, kept across the pass's layers of one shape. */
        final PhaseWorks attentionWork;
        final PhaseWorks denseFfnWork;
        final PhaseWorks routerWork;
        int layer;

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
            this.attentionWork = new PhaseWorks(batch.groups, placement.tensorParallel());
            this.denseFfnWork = new PhaseWorks(batch.groups, placement.tensorParallel());
            this.routerWork = new PhaseWorks(batch.groups, placement.tensorParallel());
        }

        void start() {
            if (embed) {
                groupPhase(g -> cost.embedding(batch.tokens[g]), this::attention);
            } else {
                attention();
            }
        }

        /** The attention phase of the current layer, or the end of the pass. */
        void attention() {
            if (layer == to) {
                finish();
                return;
            }
            LayerSpec l = layers.get(layer);
            Work[] each = attentionWork.of(cost.shape(layer),
                    g -> cost.attention(l, batch.tokens[g], batch.kvTokensRead(l, g), batch.attendedPairs(l, g),
                            batch.prefillTokens[g], batch.prefillKvTokens[g], batch.prefillPairs[g]));
            fabric.computeEach(stageGpus[stage], each, attentionWork.count(), () -> {
                if (placement.tensorParallel() > 1) {
                    allReduceGroups(() -> ffn(l));
                } else {
                    ffn(l);
                }
            });
        }

        void ffn(LayerSpec l) {
            int shape = cost.shape(layer);
            if (l.moe() == null) {
                Work[] each = denseFfnWork.of(shape, g -> cost.denseFfn(l, batch.tokens[g]));
                fabric.computeEach(stageGpus[stage], each, denseFfnWork.count(), this::endLayer);
            } else {
                Work[] each = routerWork.of(shape, g -> cost.router(l, batch.tokens[g]));
                fabric.computeEach(stageGpus[stage], each, routerWork.count(), () -> moe(l));
            }
        }

        void endLayer() {
            layer++;
            if (placement.tensorParallel() > 1) {
                allReduceGroups(this::attention);
            } else {
                attention();
            }
        }

        /** Every attention group's GPUs run the group's kernels; {@code next} once the slowest group is done. */
        void groupPhase(IntFunction<Work> work, Runnable next) {
            int tp = placement.tensorParallel();
            int count = batch.groups * tp;
            Work[] each = new Work[count];
            for (int g = 0; g < batch.groups; g++) {
                Work w = work.apply(g);
                for (int k = 0; k < tp; k++) {
                    each[g * tp + k] = w;
                }
            }
            fabric.computeEach(stageGpus[stage], each, count, next);
        }

        /** Routes the layer's tokens to its experts, then runs the experts where they live. */
        void moe(LayerSpec l) {
            LayerSpec.MoeSpec moe = l.moe();
            int tp = placement.tensorParallel();
            int n = placement.stageGpus();
            int shard = placement.expertShard();
            int experts = moe.routedExperts();
            ExpertRanks ranks = expertRanks(cost, experts);
            ReplicaSplitter splitter = splitter(ranks.layout());
            int copies = ranks.layout().copies();
            // (token, expert) pairs per copy of an expert: a replicated expert's tokens are split over its copies
            ensureRoutingScratch(copies);
            int[] counts = copyPairs;
            int[] hit = copiesHit;
            int hits = 0;
            // with the all-reduce flow every rank already holds every token: no dispatch, no combine
            boolean expertParallel = placement.expertParallel() > 1 && !expertsByAllReduce;
            MoeExchange x = exchanges[stage];
            ExpertRouter r = router(experts, moe.activeExperts());
            int ep = placement.expertParallel();
            // (token, expert) pairs per (source GPU, expert rank): one increment per pair, bytes once at the end
            int[] toRank = expertParallel ? x.toRank : null;
            for (int g = 0; g < batch.groups; g++) {
                // the group's tokens are dealt round robin over its tp source GPUs
                hits = tokenDispatch.route(r, splitter, (int) Math.round(batch.tokens[g]), counts, hit, hits, tp, g * tp,
                        toRank, ep, ranks.ranksOfCopies());
            }
            if (expertParallel) {
                x.fillMatrices(cost.hidden() + 4L * ((cost.hidden() + FP8_SCALE_GROUP - 1) / FP8_SCALE_GROUP),
                        (long) cost.hidden() * LayerCostModel.ACTIVATION_BYTES);
            }
            long[] pairsOnRank = x.pairsOnRank;
            int[] touchedOnRank = x.touchedOnRank;
            int[] rankOfCopy = ranks.ranksOfCopies();
            // integer sums: the order the copies are visited in does not change them
            for (int k = 0; k < hits; k++) {
                int c = hit[k];
                int rank = rankOfCopy[c];
                pairsOnRank[rank] += counts[c];
                touchedOnRank[rank]++;
                counts[c] = 0;
            }
            Work[] expertWork = x.expertWork;
            for (int gpu = 0; gpu < n; gpu++) {
                int rank = gpu / shard;
                expertWork[gpu] = cost.experts(layer, pairsOnRank[rank], touchedOnRank[rank], shard,
                        batch.tokens[gpu / tp]);
            }
            x.clearRanks();
            if (!expertParallel) {
                fabric.computeEach(stageGpus[stage], expertWork, n, this::endLayer);
                return;
            }
            fabric.collective(new Collective.AllToAllCompute(stageGpus[stage], x.dispatch, expertWork, x.combine),
                    () -> {
                        layer++;
                        attention();
                    });
        }

        /** Each attention group sums its partial activations; {@code then} once every group has. */
        void allReduceGroups(Runnable then) {
            int[][] groups = tpGroups[stage];
            Runnable each = groups.length == 1 ? then : new Countdown(groups.length, then);
            for (int g = 0; g < groups.length; g++) {
                long bytes = (long) Math.ceil(batch.tokens[g] * cost.hidden() * LayerCostModel.ACTIVATION_BYTES);
                fabric.collective(new Collective.AllReduce(groups[g], bytes), each);
            }
        }

        void finish() {
            if (head) {
                groupPhase(g -> cost.lmHead(batch.logitRows[g]), () -> fabric.deliver(done));
            } else {
                fabric.deliver(done);
            }
        }
    }

    /**
     * Sizes the routing scratch for a layer of {@code experts} experts in {@code copies} copies, exactly (the
     * splitter takes one count per expert and per copy); the pair counts are all zero between layers.
     */
    private void ensureRoutingScratch(int copies) {
        if (copyPairs.length != copies) {
            copyPairs = new int[copies];
            copiesHit = new int[copies];
        }
    }

    /**
     * Where a layer's routed experts live: the placement's ranks (policy, hot replicas) for the target model; a
     * draft model's experts in contiguous blocks without replicas.
     */
    private ExpertRanks expertRanks(LayerCostModel cost, int experts) {
        if (cost == targetCost) {
            // every MoE layer asks: the placement's map is looked up once per expert count, not per layer
            if (targetRanks == null || targetRanks.layout().experts() != experts) {
                targetRanks = placement.expertRanks(experts);
            }
            return targetRanks;
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
