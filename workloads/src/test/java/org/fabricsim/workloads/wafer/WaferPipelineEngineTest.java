package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.Well19937c;
import org.fabricsim.core.timeline.Timeline;
import org.fabricsim.fabric.api.IdleWaferCost;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.WaferPipelineCosts;
import org.fabricsim.fabric.catalog.CalibrationCatalog;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.wafer.ReductionScheme;
import org.fabricsim.fabric.wafer.Wafer;
import org.fabricsim.fabric.wafer.WaferCalibration;
import org.fabricsim.fabric.wafer.WaferFabric;
import org.fabricsim.fabric.wafer.WaferFidelity;
import org.fabricsim.fabric.wafer.WaferPipeline;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.fabricsim.workloads.model.DraftHead;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.moe.ExpertLayout;
import org.fabricsim.workloads.moe.ExpertPopularity;
import org.fabricsim.workloads.serving.Step;
import org.junit.jupiter.api.Test;

class WaferPipelineEngineTest {
    private static final WaferSpec SMALL = WaferSpec.wse3().withGrid(32, 32);
    private static final MeshCostModel COST = MeshCostModel.calibrated(ReductionScheme.TWO_LEVEL);
    private static final double IO_LATENCY_S = 2e-6;
    private static final double IO_BYTES_PER_S = 150e9;
    /** COST and the inter-wafer link as a system states them to the fabric API. */
    private static final WaferPipelineCosts IDLE_COSTS = new WaferPipelineCosts(CalibrationCatalog.builtIn()
            .set(CalibrationCatalog.WAFER_KERNELS, "calibrated").values(), "two_level", IO_BYTES_PER_S, IO_LATENCY_S);

    private final Timeline timeline = new Timeline();
    private final WaferFabric fabric = new WaferFabric(timeline, WaferFidelity.FLOW);
    private final List<WaferPipeline> built = new ArrayList<>();

    private WaferPipeline pipeline(WaferPlacement p, MeshCostModel cost) {
        WaferPipeline pipe = pipeline(p, cost, IO_LATENCY_S);
        built.add(pipe);
        return pipe;
    }

    /** The pipeline of the placement's wafers on this test's fabric, built as {@code Hardware} builds it. */
    private WaferPipeline pipeline(WaferPlacement p, MeshCostModel cost, double latencyS) {
        List<Wafer> wafers = p.wafers().stream().map(w -> (Wafer) w).toList();
        return fabric.pipeline(wafers, p.unitWafers(), p.unitRegions(), cost, IO_BYTES_PER_S, latencyS);
    }

    private WaferPipelineEngine engine(ModelSpec m, WaferSpec spec, int wafers) {
        return engine(m, spec, wafers, COST);
    }

    private WaferPipelineEngine engine(ModelSpec m, WaferSpec spec, int wafers, MeshCostModel cost) {
        WaferPlacement p = WaferPlacement.place(m, spec, wafers, WaferCalibration.RESERVED_SRAM_BYTES_PER_CORE, 256, 4);
        return new WaferPipelineEngine(p, pipeline(p, cost), ExpertPopularity.UNIFORM, new Well19937c(7), m.layerCount(),
                null, 0);
    }

    private static Step decode(long request, int context) {
        return new Step(List.of(new Step.SequenceWork(request, 1, context, false)), 0);
    }

    private static Step prefill(long request, int tokens) {
        return new Step(List.of(new Step.SequenceWork(request, tokens, 0, true)), 0);
    }

    private double runAlone(WaferPipelineEngine e, Step s) {
        double start = timeline.now();
        double[] end = {-1};
        e.submit(s, () -> end[0] = timeline.now());
        timeline.run();
        return end[0] - start;
    }

    @Test
    void decodeToken_onEmptySmallWafer_takesTheSumOfItsPartsCriticalPaths() {
        ModelSpec m = SmallModels.dense(2);
        WaferPipelineEngine e = engine(m, SMALL, 1);
        WaferPlacement p = e.placement();
        Step s = decode(1, 100);
        LayerWork.Tokens t = WaferPipelineEngine.tokens(s);
        int h = m.hiddenSize();
        // embedding -> layer 0 -> layer 1 -> lm_head: each region's phases, each move between anchors
        List<WaferPlacement.PlacedPart> path = List.of(p.part(p.embeddingPart()), p.part(p.layerPart(0)),
                p.part(p.layerPart(1)), p.part(p.lmHeadPart()));
        List<List<MeshPhase>> phases = List.of(LayerWork.embedding(h, path.get(0).region(), 1),
                LayerWork.layer(m.layers().get(0), h, path.get(1).region(), t),
                LayerWork.layer(m.layers().get(1), h, path.get(2).region(), t),
                LayerWork.lmHead(m.lmHead(), h, path.get(3).region(), t));
        double clock = SMALL.clockHz();
        double cycles = 0;
        for (int i = 0; i < path.size(); i++) {
            Region r = path.get(i).region();
            for (MeshPhase ph : phases.get(i)) {
                cycles += COST.phaseCycles(SMALL, r, ph) + (double) COST.serialBytes(ph) / SMALL.linkBytesPerCycle();
            }
            if (i + 1 < path.size()) {
                Region to = path.get(i + 1).region();
                int hops = Math.abs(to.row0() - r.row0()) + Math.abs(to.col0() - r.col0());
                long lineBytes = (2L * h + r.rows() - 1) / r.rows();
                cycles += hops == 0 ? 0 : hops * SMALL.hopCycles() + (double) lineBytes / SMALL.linkBytesPerCycle();
            }
        }
        assertEquals(cycles / clock, runAlone(e, s), 1e-12);
        // describe's analytic breakdown accounts for the same critical path
        assertEquals(cycles / clock, CriticalPath.decode(p, p.idleCost(IDLE_COSTS), 100).totalS(), 1e-12);
    }

    @Test
    void decodeToken_acrossTwoWafers_addsTheCrossingsTheBreakdownCounts() {
        ModelSpec m = SmallModels.dense(4);
        WaferPipelineEngine e = engine(m, SMALL, 2);
        double t = runAlone(e, decode(1, 100));
        IdleWaferCost.Breakdown b = CriticalPath.decode(e.placement(),
                e.placement().idleCost(IDLE_COSTS), 100);
        assertEquals(b.totalS(), t, 1e-12);
        // forward to the second wafer (the BF16 hidden vector) and the sampled token id back: two crossings
        assertEquals(2 * IO_LATENCY_S + (2.0 * m.hiddenSize() + 4) / IO_BYTES_PER_S, b.interWaferS(), 1e-15);
    }

    @Test
    void twoConcurrentRequests_shareRegionsInTurn_eachSlowerThanAloneNeitherStarved() {
        ModelSpec m = SmallModels.dense(2);
        WaferPipelineEngine e = engine(m, SMALL, 1);
        double aloneA = runAlone(e, prefill(1, 64));
        double aloneB = runAlone(e, prefill(2, 64));
        double start = timeline.now();
        double[] end = new double[2];
        e.submit(prefill(3, 64), () -> end[0] = timeline.now() - start);
        e.submit(prefill(4, 64), () -> end[1] = timeline.now() - start);
        timeline.run();
        assertTrue(end[0] > aloneA * (1 + 1e-9), "first request slowed by the second: " + end[0] + " vs " + aloneA);
        assertTrue(end[1] > aloneB * (1 + 1e-9), "second request slowed by the first: " + end[1] + " vs " + aloneB);
        // neither starved: each done before the two would take one after the other
        assertTrue(end[0] < aloneA + aloneB);
        assertTrue(end[1] < aloneA + aloneB + 1e-12);
    }

    @Test
    void twoConcurrentRequests_whereLinksNotCoresBind_shareTheLinks() {
        // no per-operation overhead or stage cost and full efficiency: a 64-token step's vectors take as
        // long to serialise on a region's line as its cores take to compute, so the two steps' flows overlap
        MeshCostModel physicsOnly = new MeshCostModel(ReductionScheme.TWO_LEVEL, 0, 0, 0);
        WaferPipelineEngine e = engine(SmallModels.dense(2), SMALL, 1, physicsOnly);
        double alone = runAlone(e, prefill(1, 64));
        double start = timeline.now();
        double[] end = new double[2];
        e.submit(prefill(3, 64), () -> end[0] = timeline.now() - start);
        e.submit(prefill(4, 64), () -> end[1] = timeline.now() - start);
        timeline.run();
        double concurrent = fabric.usage().stream().filter(u -> u.linkClass().equals("wafer-mesh")).findFirst()
                .orElseThrow().meanConcurrentFlows();
        assertTrue(concurrent > 1, "mean flows on a busy mesh link: " + concurrent);
        assertTrue(end[0] > alone * (1 + 1e-9) && end[1] > alone * (1 + 1e-9));
        assertTrue(end[0] < 2 * alone && end[1] < 2 * alone + 1e-12);
        // every byte handed to the mesh arrived
        for (WaferPipeline pipe : built) {
            assertEquals(pipe.meshBytesSubmitted(), pipe.meshBytesDelivered());
            assertTrue(pipe.meshBytesDelivered() > 0);
        }
        assertEquals(fabric.networkBytesDelivered(), built.stream().mapToLong(WaferPipeline::meshBytesDelivered).sum());
    }

    @Test
    void moreWafersThanNeeded_neverBeatThePerLayerWork() {
        ModelSpec m = SmallModels.dense(4);
        double oneWafer = runAlone(engine(m, SMALL, 1), decode(1, 100));
        for (int wafers = 2; wafers <= 4; wafers++) {
            WaferPipelineEngine e = engine(m, SMALL, wafers);
            double t = runAlone(e, decode(1, 100));
            // lower bound: every layer's weights streamed by all cores of all wafers at the SRAM rate, every
            // mesh operation's fixed overhead, and the link latency of each wafer crossed (and back)
            double weights = 0;
            int ops = 0;
            LayerWork.Tokens tok = WaferPipelineEngine.tokens(decode(1, 100));
            for (int l = 0; l < m.layerCount(); l++) {
                weights += m.layers().get(l).weightBytes();
                ops += LayerWork.layer(m.layers().get(l), m.hiddenSize(), new Region(0, 0, 1, 1), tok).size();
            }
            double streamS = weights / (wafers * SMALL.cores() * SMALL.sramReadBytesPerCycle() * SMALL.clockHz());
            double bound = streamS + ops * COST.operationOverheadCycles() / SMALL.clockHz() + wafers * IO_LATENCY_S;
            assertTrue(t >= bound, wafers + " wafers: " + t + " < " + bound);
            // spreading layers over more cores may shorten per-core work, never below the bound; the
            // crossings alone keep it within reach of one wafer's figure
            assertTrue(t > 0.5 * oneWafer, wafers + " wafers: " + t + " vs one wafer's " + oneWafer);
        }
    }

    @Test
    void moeStep_routedExpertsRunAtOnce_notOneAfterAnother() {
        WaferSpec grid = WaferSpec.wse3().withGrid(96, 96);
        WaferPipelineEngine top2 = engine(SmallModels.moe(2), grid, 1);
        double t2 = runAlone(top2, decode(1, 50));
        WaferPipelineEngine top4 = engine(SmallModels.moe(4), grid, 1);
        double t4 = runAlone(top4, decode(1, 50));
        // one expert's idle critical path on its region (input multicast, gate/up, down)
        ModelSpec m = SmallModels.moe(4);
        WaferPlacement p = top4.placement();
        Region r = p.part(p.expertParts(1)[0]).region();
        double expertS = 0;
        for (MeshPhase ph : LayerWork.expert(m.layers().get(1).moe().expert(), m.hiddenSize(), r, 1)) {
            expertS += (COST.phaseCycles(grid, r, ph) + (double) COST.serialBytes(ph) / grid.linkBytesPerCycle())
                    / grid.clockHz();
        }
        // 2 MoE layers x 2 more experts would add 4 expert times in sequence; at once they add only the
        // longer fan-out (more bytes, possibly a farther expert)
        assertTrue(t4 >= t2 - 1e-12, "more experts never make a token faster");
        assertTrue(t4 - t2 < expertS, "extra experts cost " + (t4 - t2) + " s, one expert alone " + expertS + " s");
        double prefillS = runAlone(top4, prefill(2, 32));
        assertTrue(prefillS > t4, "32 tokens route to more experts and move more bytes than one");
    }

    private static WaferPlacement withDraftHead(ModelSpec m, WaferSpec spec, int wafers) {
        return WaferPlacement.place(m, spec, wafers, WaferCalibration.RESERVED_SRAM_BYTES_PER_CORE, 256, 4,
                ExpertLayout::single, RegionSizing.CRITICAL_PATH, 16, DraftHead.layers(m, 1));
    }

    @Test
    void speculativeStep_chargesDraftPassesBeforeVerify() {
        ModelSpec m = SmallModels.dense(4);
        WaferPlacement p = withDraftHead(m, SMALL, 1);
        WaferPipelineEngine e = new WaferPipelineEngine(p, pipeline(p, COST), ExpertPopularity.UNIFORM, new Well19937c(7),
                4, null, 0);
        double plain = runAlone(e, new Step(List.of(new Step.SequenceWork(1, 4, 100, false)), 0));
        double spec = runAlone(e, new Step(List.of(new Step.SequenceWork(1, 4, 100, false)), 3));
        long passes = e.passes();
        assertEquals(1 + 3 + 1, passes, "plain verify, then 3 one-layer drafts and the verify");
        assertTrue(spec > plain);
    }

    @Test
    void draftHead_sitsOnTheLastWaferBesideTheLmHead() {
        ModelSpec m = SmallModels.dense(8);
        WaferPlacement p = withDraftHead(m, SMALL, 2);
        int last = p.part(p.lmHeadPart()).wafer();
        assertEquals(1, last);
        assertEquals(last, p.part(p.draftEmbeddingPart()).wafer());
        assertEquals(1, p.draftLayerParts().length);
        for (int part : p.draftLayerParts()) {
            assertEquals(last, p.part(part).wafer());
            assertTrue(p.part(part).kvTokens() > 0, "the draft layer caches KV");
        }
        assertEquals(0, p.part(p.embeddingPart()).wafer());
    }

    /** Step time on a two-wafer pipeline whose inter-wafer links take {@code latencyS}. */
    private double twoWaferStep(WaferPlacement p, double latencyS, int draftTokens) {
        WaferPipelineEngine e = new WaferPipelineEngine(p, pipeline(p, COST, latencyS),
                ExpertPopularity.UNIFORM, new Well19937c(7), 8, null, 0);
        return runAlone(e, new Step(List.of(new Step.SequenceWork(1, 1 + draftTokens, 100, false)), draftTokens));
    }

    @Test
    void drafting_crossesNoWafer_soLinkLatencyCostsASpeculativeStepWhatItCostsAPlainOne() {
        WaferPlacement p = withDraftHead(SmallModels.dense(8), SMALL, 2);
        double plain = twoWaferStep(p, 20e-6, 0) - twoWaferStep(p, 2e-6, 0);
        double speculative = twoWaferStep(p, 20e-6, 3) - twoWaferStep(p, 2e-6, 3);
        // a plain step crosses to the second wafer and its token back; a speculative one crosses with its drafts
        // to the first wafer and through to the lm_head: two crossings each, whatever the draft tokens
        assertTrue(plain >= 2 * 18e-6 * (1 - 1e-9), plain + " s");
        assertEquals(plain, speculative, 1e-9);
    }

    /**
     * A small MoE with 3 MB experts and no shared expert (a shared expert takes every token, so it would be at
     * least as busy as the hottest routed one) on one 96 x 96 wafer, routed by Zipf(1); the N experts that
     * {@code replicate} ranks hottest get a replica region.
     */
    private WaferPipelineEngine zipfEngine(int hotReplicas, boolean replicateTheColdest) {
        ModelSpec m = SmallModels.moe(2, 2048, 0);
        ExpertPopularity zipf = new ExpertPopularity("zipf", 1.0, null);
        double[] rank = zipf.weights(16, null);
        if (replicateTheColdest) {
            for (int e = 0; e < 16; e++) {
                rank[e] = 1.0 / rank[e];
            }
        }
        WaferPlacement p = WaferPlacement.place(m, WaferSpec.wse3().withGrid(96, 96), 1,
                WaferCalibration.RESERVED_SRAM_BYTES_PER_CORE, 256, 4, experts -> ExpertLayout.of(rank, hotReplicas));
        return new WaferPipelineEngine(p, pipeline(p, COST), zipf, new Well19937c(7), m.layerCount(), null, 0);
    }

    /** Seconds from {@code start} until the region of expert 0 of layer 1 (Zipf's hottest) has done its work. */
    private double hottestExpertDrainS(WaferPipelineEngine e, double start) {
        WaferPlacement p = e.placement();
        WaferPipeline pipe = built.get(built.size() - 1);
        return pipe.unitBusyUntilS(p.expertParts(1)[0]) - start;
    }

    @Test
    void hotReplicas_underZipfSkew_drainTheHottestExpertsQueueSooner_andShortenThePrefill() {
        // same routing draws in all three: the replicas only split some experts' tokens over two regions
        double none = runAlone(zipfEngine(0, false), prefill(1, 256));
        double start = timeline.now();
        WaferPipelineEngine hotEngine = zipfEngine(4, false);
        double hot = runAlone(hotEngine, prefill(1, 256));
        double hotDrain = hottestExpertDrainS(hotEngine, start);
        start = timeline.now();
        // the control: as many replica regions (the same cores taken from every other region), of the coldest
        WaferPipelineEngine coldEngine = zipfEngine(4, true);
        double cold = runAlone(coldEngine, prefill(1, 256));
        double coldDrain = hottestExpertDrainS(coldEngine, start);
        assertTrue(hotDrain < coldDrain, "expert 0 done after " + hotDrain + " s with its replica, " + coldDrain + " s without");
        assertTrue(hot < cold, hot + " s replicating the hottest vs " + cold + " s replicating the coldest");
        assertTrue(hot < none, hot + " s with replicas vs " + none + " s without");
    }
}
