package org.fabricsim.workloads.wafer;

import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.fabricsim.fabric.wafer.InterWaferLinks;
import org.fabricsim.fabric.wafer.Region;
import org.fabricsim.fabric.wafer.WaferMesh;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.fabricsim.workloads.moe.ExpertRouter;
import org.fabricsim.workloads.moe.ReplicaSplitter;
import org.fabricsim.workloads.serving.Step;
import org.fabricsim.workloads.serving.StepEngine;

/**
 * Runs forward passes of a placed model on a pipeline of wafers. A pass walks the parts in order:
 * embedding lookup, then each layer region (input multicast, norms, MeshGEMV projections, attention over
 * the region's KV cache), an MoE layer's routed experts (drawn by the serving policy's expert popularity, a hot
 * expert's tokens split evenly with its replica's region) and
 * shared experts at once in their own regions with fan-out and fan-in across the mesh, the lm_head, and
 * at each wafer boundary a crossing of the inter-wafer link (and back to the first wafer with the sampled
 * token). Regions serve work in order; transfers contend on the mesh's links; several steps may be in
 * flight at different layers.
 */
public final class WaferPipelineEngine implements StepEngine {
    private final WaferPlacement placement;
    private final List<WaferMesh> meshes;
    private final InterWaferLinks links;
    private final ExpertRouter[] routers;
    private final ReplicaSplitter[] splitters;
    private final int maxStepsInFlight;
    private final WaferPipelineEngine draftEngine;
    private final int draftLayers;
    private final int hidden;
    private final PassMechanics mechanics;
    private final ExpertSites sites;
    private final int[] routeCounts;
    private final int[] routeHit;
    /** Scratch for layers with hot replicas: tokens per expert copy and the copies hit (zeroed as consumed). */
    private final int[] copyCounts;
    private final int[] copyHit;
    private long passes;

    /**
     * @param draftEngine a separate pipeline running the draft model, or null
     * @param draftLayers layers of this model used as the draft head when draftEngine is null (0: none)
     */
    public WaferPipelineEngine(WaferPlacement placement, List<WaferMesh> meshes, InterWaferLinks links,
            Timeline timeline, ExpertPopularity popularity, RandomGenerator routing, int maxStepsInFlight,
            WaferPipelineEngine draftEngine, int draftLayers) {
        this(placement, meshes, links, timeline, popularity, routing, maxStepsInFlight, draftEngine, draftLayers,
                new FlowMechanics(timeline));
    }

    /** As above, with the mechanics of a fidelity level (a draft engine must share its target's). */
    WaferPipelineEngine(WaferPlacement placement, List<WaferMesh> meshes, InterWaferLinks links,
            Timeline timeline, ExpertPopularity popularity, RandomGenerator routing, int maxStepsInFlight,
            WaferPipelineEngine draftEngine, int draftLayers, PassMechanics mechanics) {
        if (meshes.size() != placement.wafers().size()) {
            throw new IllegalArgumentException("meshes: need one per wafer (" + placement.wafers().size() + "), got "
                    + meshes.size());
        }
        if (maxStepsInFlight < 1) {
            throw new IllegalArgumentException("max_steps_in_flight: must be >= 1, got " + maxStepsInFlight);
        }
        if (draftLayers < 0 || draftLayers > placement.model().layerCount()) {
            throw new IllegalArgumentException("speculative.draft_layers: must be in [0, "
                    + placement.model().layerCount() + "], got " + draftLayers);
        }
        this.placement = placement;
        this.meshes = List.copyOf(meshes);
        this.links = links;
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
        this.draftLayers = draftLayers;
        this.hidden = placement.model().hiddenSize();
        this.mechanics = mechanics;
        this.sites = new ExpertSites(placement, this.meshes);
        int experts = 0;
        for (LayerSpec l : placement.model().layers()) {
            experts = Math.max(experts, l.moe() == null ? 0 : l.moe().routedExperts());
        }
        this.routeCounts = new int[experts];
        this.routeHit = new int[experts];
        int copies = 0;
        for (LayerSpec l : placement.model().layers()) {
            copies = Math.max(copies, placement.expertParts(l.index()).length);
        }
        this.copyCounts = new int[copies];
        this.copyHit = new int[copies];
        if (draftEngine != null && draftEngine.mechanics != mechanics) {
            throw new IllegalArgumentException("draftEngine: must share this engine's mechanics");
        }
    }

    @Override
    public void submit(Step step, Runnable done) {
        int k = step.draftTokens();
        Runnable finish = () -> mechanics.finish(done);
        Runnable verify = () -> pass(step, 0, placement.model().layerCount(), finish);
        if (k == 0 || (draftEngine == null && draftLayers == 0)) {
            mechanics.begin(verify);
            return;
        }
        mechanics.begin(() -> draft(step, 0, k, verify));
    }

    /** The draft's k sequential single-token passes for the decoding sequences, then {@code then}. */
    private void draft(Step step, int i, int k, Runnable then) {
        if (i == k) {
            then.run();
            return;
        }
        List<Step.SequenceWork> seqs = new java.util.ArrayList<>();
        for (Step.SequenceWork s : step.sequences()) {
            if (!s.prefill()) {
                seqs.add(new Step.SequenceWork(s.requestId(), 1, s.contextTokens() + i, false));
            }
        }
        if (seqs.isEmpty()) {
            then.run();
            return;
        }
        Step one = new Step(seqs, 0);
        Runnable next = () -> draft(step, i + 1, k, then);
        if (draftEngine != null) {
            draftEngine.pass(one, 0, draftEngine.placement.model().layerCount(), next);
        } else {
            pass(one, 0, draftLayers, next);
        }
    }

    /** One forward pass through layers [0, layerLimit) and the lm_head. */
    void pass(Step step, int unused, int layerLimit, Runnable done) {
        passes++;
        new Pass(tokens(step), layerLimit, done).start();
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

    private WaferMesh mesh(WaferPlacement.PlacedPart p) {
        return meshes.get(p.wafer());
    }

    /**
     * Moves a step's vectors from one part to another: a region's rows carry their shares in parallel,
     * so one representative row's share crosses the mesh; across wafers it goes to the east edge, over
     * the inter-wafer link (every intermediate wafer crossed west to east), and in from the west edge.
     */
    private void move(WaferPlacement.PlacedPart from, WaferPlacement.PlacedPart to, long vectorBytes, Runnable next) {
        Region a = from.region();
        long lineBytes = LayerWork.ceilDiv(vectorBytes, a.rows());
        if (from.wafer() == to.wafer()) {
            Region b = to.region();
            mechanics.transfer(mesh(from), a.row0(), a.col0(), b.row0(), b.col0(), lineBytes, next);
            return;
        }
        int cols = placement.spec().cols();
        Runnable arrive = () -> hop(from.wafer(), to, a.row0(), vectorBytes, lineBytes, next);
        mechanics.transfer(mesh(from), a.row0(), a.col0(), a.row0(), cols - 1, lineBytes, arrive);
    }

    /** From the east edge of wafer w (at row) onward to part {@code to}, possibly further wafers away. */
    private void hop(int w, WaferPlacement.PlacedPart to, int row, long vectorBytes, long lineBytes, Runnable next) {
        int nextWafer = (w + 1) % meshes.size();
        mechanics.crossing(links, w, vectorBytes, () -> {
            WaferMesh m = meshes.get(nextWafer);
            if (nextWafer == to.wafer()) {
                mechanics.transfer(m, row, 0, to.region().row0(), to.region().col0(), lineBytes, next);
            } else {
                int cols = placement.spec().cols();
                mechanics.transfer(m, row, 0, row, cols - 1, lineBytes,
                        () -> hop(nextWafer, to, row, vectorBytes, lineBytes, next));
            }
        });
    }

    /** The state of one forward pass as it walks the pipeline. */
    private final class Pass {
        private final LayerWork.Tokens t;
        private final int layerLimit;
        private final Runnable done;
        private final ModelSpec model = placement.model();

        Pass(LayerWork.Tokens t, int layerLimit, Runnable done) {
            this.t = t;
            this.layerLimit = layerLimit;
            this.done = done;
        }

        void start() {
            WaferPlacement.PlacedPart emb = placement.part(placement.embeddingPart());
            mechanics.run(mesh(emb), emb.regionId(), LayerWork.embedding(hidden, emb.region(), t.tokens()),
                    () -> move(emb, placement.part(firstAfterEmbedding()), vectorBytes(), this::afterEmbedding));
        }

        private int firstAfterEmbedding() {
            return layerLimit > 0 ? placement.layerPart(0) : placement.lmHeadPart();
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
            LayerSpec spec = model.layers().get(i);
            WaferPlacement.PlacedPart lp = placement.part(placement.layerPart(i));
            List<List<org.fabricsim.fabric.wafer.MeshPhase>> blocks = LayerWork.layerBlocks(spec, hidden, lp.region(), t);
            WaferMesh m = mesh(lp);
            mechanics.run(m, lp.regionId(), blocks.get(0), () -> mechanics.run(m, lp.regionId(), blocks.get(1), () -> {
                if (spec.moe() == null) {
                    next(i);
                } else {
                    experts(i, spec, lp);
                }
            }));
        }

        private void next(int i) {
            WaferPlacement.PlacedPart from = placement.part(placement.layerPart(i));
            if (i + 1 < layerLimit) {
                move(from, placement.part(placement.layerPart(i + 1)), vectorBytes(),
                        () -> layer(i + 1));
            } else {
                move(from, placement.part(placement.lmHeadPart()), vectorBytes(), this::head);
            }
        }

        /**
         * The MoE part of layer i: the routed tokens' vectors leave the layer region's anchor for every
         * active and shared expert (one flow of all their bytes toward the farthest expert: the fan-out's
         * contended part is where it leaves the anchor), each expert works from the moment its vector
         * arrives (hop latency) or its region is free, and the outputs come back the same way once the
         * last expert is done.
         */
        private void experts(int i, LayerSpec spec, WaferPlacement.PlacedPart lp) {
            int[] routed = placement.expertParts(i);
            int[] shared = placement.sharedExpertParts(i);
            int hit = routers[i].routeTokens(t.tokens(), routeCounts, routeHit);
            int[] perPart = routeCounts;
            int[] partHit = routeHit;
            if (splitters[i].layout().replicas() > 0) {
                // tokens per expert copy: a hot expert's replica region takes half its tokens
                perPart = copyCounts;
                splitters[i].split(routeCounts, perPart);
                for (int k = 0; k < hit; k++) {
                    routeCounts[routeHit[k]] = 0;
                }
                partHit = copyHit;
                hit = 0;
                for (int c = 0; c < routed.length; c++) {
                    if (perPart[c] > 0) {
                        partHit[hit++] = c;
                    }
                }
            }
            final int targets = hit + shared.length;
            if (targets == 0) {
                next(i);
                return;
            }
            // parts and tokens outlive this call (the experts are booked when the fan-out has left); the
            // counts are scratch, zeroed again here
            int[] parts = new int[targets];
            int[] tokens = new int[targets];
            for (int k = 0; k < hit; k++) {
                int e = partHit[k];
                parts[k] = routed[e];
                tokens[k] = perPart[e];
                perPart[e] = 0;
            }
            for (int k = 0; k < shared.length; k++) {
                parts[hit + k] = shared[k];
                tokens[hit + k] = t.tokens();
            }
            Region a = lp.region();
            WaferMesh m = mesh(lp);
            long lineBytes = 0;
            Region far = null;
            int farHops = -1;
            for (int k = 0; k < targets; k++) {
                lineBytes += LayerWork.ceilDiv(LayerWork.activationBytes(hidden, tokens[k]), a.rows());
                int hops = sites.hops(parts[k]);
                if (hops > farHops) {
                    farHops = hops;
                    far = placement.part(parts[k]).region();
                }
            }
            Region farthest = far;
            long bytes = lineBytes;
            // every step reaches this layer's experts from the same anchor, so booking them all when the
            // fan-out has left the anchor keeps each expert's work in the order it arrives there
            mechanics.flowOnly(m, a.row0(), a.col0(), farthest.row0(), farthest.col0(), bytes, () -> mechanics.whenDue(() -> {
                double now = mechanics.now();
                double end = now;
                for (int k = 0; k < targets; k++) {
                    end = Math.max(end, sites.book(m, parts[k], tokens[k], now));
                }
                mechanics.at(end, () -> mechanics.flowOnly(m, farthest.row0(), farthest.col0(), a.row0(), a.col0(),
                        bytes, () -> next(i)));
            }));
        }

        private void head() {
            WaferPlacement.PlacedPart hp = placement.part(placement.lmHeadPart());
            mechanics.run(mesh(hp), hp.regionId(), LayerWork.lmHead(model.lmHead(), hidden, hp.region(), t), () -> {
                if (meshes.size() == 1) {
                    done.run();
                } else {
                    // the sampled token ids go back to the embedding on the first wafer
                    move(hp, placement.part(placement.embeddingPart()), 4L * t.logitTokens(), done);
                }
            });
        }
    }
}
