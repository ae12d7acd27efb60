package org.fabricsim.workloads.wafer;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.fabric.api.Collective;
import org.fabricsim.fabric.api.Fabric;
import org.fabricsim.fabric.api.MeshWork;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.fabricsim.workloads.moe.ExpertRouter;
import org.fabricsim.workloads.moe.ReplicaSplitter;
import org.fabricsim.workloads.moe.TokenDispatch;
import org.fabricsim.workloads.serving.SpeculativeDrafts;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;

/**
 * Runs forward passes of a placed model on a pipeline of wafers. A pass walks the parts in order:
 * embedding lookup, then each layer region (input multicast, norms, MeshGEMV projections, attention over
 * the region's KV cache), an MoE layer's routed experts (drawn by the serving policy's expert popularity, a hot
 * expert's tokens split evenly with its replica's region) and
 * shared experts at once in their own regions with fan-out and fan-in across the mesh, the lm_head, and
 * at each wafer boundary a crossing of the inter-wafer link (and back to the first wafer with the sampled
 * token). The pass is told to the pipeline's {@link Fabric} as operations on the placement's parts (a part
 * index is the fabric's unit); how they become time, contention included, is the fabric's. Several steps may
 * be in flight at different layers.
 */
public final class WaferPipelineEngine implements StepEngine {
    private final WaferPlacement placement;
    private final Fabric fabric;
    private final ExpertRouter[] routers;
    private final ReplicaSplitter[] splitters;
    private final int maxStepsInFlight;
    private final WaferPipelineEngine draftEngine;
    private final int draftLayers;
    private final Route target;
    /** The draft head's route beside the lm_head, or null when the placement has none. */
    private final Route draftHead;
    private final int hidden;
    private final ExpertSites sites;
    private final TokenDispatch dispatch = new TokenDispatch();
    /** Scratch of an MoE layer: tokens per expert copy and the copies hit (zeroed as consumed). */
    private final int[] copyCounts;
    private final int[] copyHit;
    /**
     * Each layer's FFN (or router) block by token count, built once: it depends on nothing else, and the fabric
     * remembers what a work instance it has seen costs.
     */
    private final MeshWork[][] ffnWork;
    private final AttentionBlocks attentionBlocks;
    private long passes;

    /**
     * @param fabric      the pipeline the placement's wafers form; its units are the placement's parts
     * @param draftEngine a separate pipeline running the draft model (on the same wafer fabric), or null
     * @param draftLayers layers of this model used as the draft head when draftEngine is null and the placement has
     *                    no draft head of its own beside the lm_head (0: none)
     */
    public WaferPipelineEngine(WaferPlacement placement, Fabric fabric, ExpertPopularity popularity,
            RandomGenerator routing, int maxStepsInFlight, WaferPipelineEngine draftEngine, int draftLayers) {
        if (maxStepsInFlight < 1) {
            throw new IllegalArgumentException("max_steps_in_flight: must be >= 1, got " + maxStepsInFlight);
        }
        if (draftLayers < 0 || draftLayers > placement.model().layerCount()) {
            throw new IllegalArgumentException("speculative.draft_layers: must be in [0, "
                    + placement.model().layerCount() + "], got " + draftLayers);
        }
        this.draftLayers = draftLayers;
        this.placement = placement;
        this.fabric = fabric;
        this.routers = new ExpertRouter[placement.model().layerCount()];
        this.splitters = new ReplicaSplitter[placement.model().layerCount()];
        for (LayerSpec l : placement.model().layers()) {
            if (l.moe() != null) {
                routers[l.index()] = new ExpertRouter(popularity.weights(l.moe().routedExperts(), null),
                        l.moe().activeExperts(), routing);
                splitters[l.index()] = placement.expertLayout(l.index()).splitter();
            }
        }
        this.maxStepsInFlight = maxStepsInFlight;
        this.draftEngine = draftEngine;
        int[] layerParts = new int[placement.model().layerCount()];
        for (int i = 0; i < layerParts.length; i++) {
            layerParts[i] = placement.layerPart(i);
        }
        this.target = new Route(placement.embeddingPart(), layerParts, placement.model().layers());
        this.draftHead = placement.draftEmbeddingPart() < 0 ? null
                : new Route(placement.draftEmbeddingPart(), placement.draftLayerParts(), placement.draftHead());
        this.hidden = placement.model().hiddenSize();
        this.sites = new ExpertSites(placement);
        int copies = 0;
        for (LayerSpec l : placement.model().layers()) {
            copies = Math.max(copies, placement.expertParts(l.index()).length);
        }
        this.copyCounts = new int[copies];
        this.copyHit = new int[copies];
        this.ffnWork = new MeshWork[placement.parts().size()][0];
        this.attentionBlocks = new AttentionBlocks(hidden, placement.parts().size());
    }

    /** A layer's FFN block (norm, FFN or router) on its part's region for {@code tokens} tokens, kept per part. */
    private MeshWork ffnWork(LayerSpec spec, int part, int tokens) {
        int i = part;
        if (tokens >= ffnWork[i].length) {
            ffnWork[i] = java.util.Arrays.copyOf(ffnWork[i], Math.max(tokens + 1, 2 * ffnWork[i].length));
        }
        MeshWork w = ffnWork[i][tokens];
        if (w == null) {
            w = new MeshWork(LayerWork.ffnBlock(spec, hidden, placement.part(part).region(), tokens));
            ffnWork[i][tokens] = w;
        }
        return w;
    }

    @Override
    public void submit(Step step, Runnable done) {
        Runnable finish = () -> fabric.deliver(done);
        int layers = placement.model().layerCount();
        if (step.draftTokens() == 0 || (draftEngine == null && draftHead == null && draftLayers == 0)) {
            fabric.begin(() -> pass(step, layers, finish));
        } else if (draftEngine != null) {
            fabric.begin(() -> SpeculativeDrafts.run(step, (pass, next) -> draftEngine.pass(pass,
                    draftEngine.placement.model().layerCount(), next), () -> pass(step, layers, finish)));
        } else if (draftHead == null) {
            // the target's first layers draft: each pass runs them on the first wafers and reaches the lm_head
            fabric.begin(() -> SpeculativeDrafts.run(step, (pass, next) -> pass(pass, draftLayers, next),
                    () -> pass(step, layers, finish)));
        } else {
            // the draft head drafts where the last token was sampled; its tokens and that one then go to the
            // embedding, and the verify ends at the lm_head, where the next step drafts
            Runnable verify = () -> new Pass(tokens(step), target, layers, false, finish).start();
            Runnable toEmbedding = !crossesWafers() ? verify
                    : () -> move(placement.lmHeadPart(), placement.embeddingPart(), 4L * decodingTokens(step), verify);
            fabric.begin(() -> SpeculativeDrafts.run(step,
                    (pass, next) -> new Pass(tokens(pass), draftHead, draftHead.layerParts.length, false, next).start(),
                    toEmbedding));
        }
    }

    /** Tokens of the step's decoding sequences: their ids come from the lm_head (a prompt's from the host). */
    private static int decodingTokens(Step step) {
        int n = 0;
        for (Step.SequenceWork s : step.sequences()) {
            n += s.prefill() ? 0 : s.newTokens();
        }
        return n;
    }

    private boolean crossesWafers() {
        return placement.wafers().size() > 1;
    }

    /** One forward pass of the target through layers [0, layerLimit) and the lm_head, its token ids sent back. */
    void pass(Step step, int layerLimit, Runnable done) {
        new Pass(tokens(step), target, layerLimit, crossesWafers(), done).start();
    }

    /** The parts a pass walks: an embedding, layers in order (the target's, or the draft head's), their specs. */
    private record Route(int embeddingPart, int[] layerParts, List<LayerSpec> layers) {
    }

    static LayerWork.Tokens tokens(Step step) {
        int n = step.sequences().size();
        int[] nt = new int[n];
        int[] ctx = new int[n];
        int t = 0;
        int logits = 0;
        for (int i = 0; i < n; i++) {
            Step.SequenceWork s = step.sequences().get(i);
            nt[i] = s.newTokens();
            ctx[i] = s.contextTokens();
            t += nt[i];
            logits += s.prefill() ? 1 : nt[i];
        }
        return new LayerWork.Tokens(t, logits, nt, ctx);
    }

    @Override
    public int maxStepsInFlight() {
        return maxStepsInFlight;
    }

    @Override
    public long kvCapacityTokens() {
        return placement.kvCapacityTokens();
    }

    /** Forward passes run so far (draft passes included). */
    public long passes() {
        return passes;
    }

    public WaferPlacement placement() {
        return placement;
    }

    /** Moves a step's vectors from one part to another. */
    private void move(int fromPart, int toPart, long vectorBytes, Runnable next) {
        fabric.transfer(fromPart, toPart, vectorBytes, next);
    }

    /** The state of one forward pass as it walks the pipeline. */
    private final class Pass {
        private final LayerWork.Tokens t;
        private final Route route;
        private final int layerLimit;
        private final boolean returnsTokens;
        private final Runnable done;
        private final ModelSpec model = placement.model();

        Pass(LayerWork.Tokens t, Route route, int layerLimit, boolean returnsTokens, Runnable done) {
            passes++;
            this.t = t;
            this.route = route;
            this.layerLimit = layerLimit;
            this.returnsTokens = returnsTokens;
            this.done = done;
        }

        void start() {
            int emb = route.embeddingPart();
            fabric.compute(emb, new MeshWork(LayerWork.embedding(hidden, placement.part(emb).region(), t.tokens())),
                    () -> move(emb, firstAfterEmbedding(), vectorBytes(), this::afterEmbedding));
        }

        private int firstAfterEmbedding() {
            return layerLimit > 0 ? route.layerParts()[0] : placement.lmHeadPart();
        }

        private void afterEmbedding() {
            if (layerLimit > 0) {
                layer(0);
            } else {
                head();
            }
        }

        private long vectorBytes() {
            return LayerWork.activationBytes(hidden, t.tokens());
        }

        void layer(int i) {
            LayerSpec spec = route.layers().get(i);
            int part = route.layerParts()[i];
            // a region serves a layer's blocks one at a time (attention, then FFN or router), so concurrent steps
            // interleave on its cores
            MeshWork first = attentionBlocks.work(spec, part, placement.part(part).region(), t);
            MeshWork second = ffnWork(spec, part, t.tokens());
            fabric.compute(part, first, () -> fabric.compute(part, second, () -> {
                if (spec.moe() == null) {
                    next(i);
                } else {
                    experts(i, part);
                }
            }));
        }

        private void next(int i) {
            int from = route.layerParts()[i];
            if (i + 1 < layerLimit) {
                move(from, route.layerParts()[i + 1], vectorBytes(), () -> layer(i + 1));
            } else {
                move(from, placement.lmHeadPart(), vectorBytes(), this::head);
            }
        }

        /**
         * The MoE part of layer i: the routed tokens' vectors go from the layer's part to every active and
         * shared expert, each expert runs its FFN on its tokens, and the outputs come back to the layer's part
         * (a scatter-compute collective of the fabric).
         */
        private void experts(int i, int layerPart) {
            int[] routed = placement.expertParts(i);
            int[] shared = placement.sharedExpertParts(i);
            // tokens per expert copy (a hot expert's replica region takes half its tokens), the copies hit ascending
            int[] perPart = copyCounts;
            int[] partHit = copyHit;
            int hit = dispatch.route(routers[i], splitters[i], t.tokens(), perPart, partHit, 0, 1, 0, null, 0, null);
            dispatch.ascending(partHit, hit, routed.length);
            final int targets = hit + shared.length;
            if (targets == 0) {
                next(i);
                return;
            }
            // parts, bytes and work outlive this call (the fabric reads them when the fan-out has left); the
            // counts are scratch, zeroed again here
            int[] parts = new int[targets];
            long[] bytes = new long[targets];
            MeshWork[] work = new MeshWork[targets];
            for (int k = 0; k < hit; k++) {
                int e = partHit[k];
                parts[k] = routed[e];
                bytes[k] = LayerWork.activationBytes(hidden, perPart[e]);
                work[k] = sites.work(routed[e], perPart[e]);
                perPart[e] = 0;
            }
            for (int k = 0; k < shared.length; k++) {
                parts[hit + k] = shared[k];
                bytes[hit + k] = LayerWork.activationBytes(hidden, t.tokens());
                work[hit + k] = sites.work(shared[k], t.tokens());
            }
            fabric.collective(new Collective.ScatterCompute(layerPart, parts, bytes, work, targets), () -> next(i));
        }

        private void head() {
            int hp = placement.lmHeadPart();
            fabric.compute(hp, new MeshWork(LayerWork.lmHead(model.lmHead(), hidden, placement.part(hp).region(), t)), () -> {
                if (!returnsTokens) {
                    done.run();
                } else {
                    // the sampled token ids go back to the embedding on the first wafer
                    move(hp, placement.embeddingPart(), 4L * t.logitTokens(), done);
                }
            });
        }
    }
}
