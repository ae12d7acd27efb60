package org.fabricsim.workloads.wafer;

import java.util.List;
import java.util.Locale;
import org.fabricsim.fabric.wafer.MeshCostModel;
import org.fabricsim.fabric.api.MeshPhase;
import org.fabricsim.fabric.wafer.Region;
import org.fabricsim.fabric.wafer.WaferSpec;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.Step;

/**
 * Where a single-stream decode token's time goes on an idle pipeline, from the placement's geometry
 * and the cost model alone (no simulation): the per-operation overhead, per-core compute, mesh hops,
 * reduction stages, serialisation on links, moves between regions and inter-wafer crossings. An MoE
 * layer counts the fan-out and fan-in of its k + shared vectors to and from its farthest expert and one
 * expert's work (the experts run at once), an upper estimate of the routed case. Used by
 * {@code describe} so that the reasons for a figure are visible.
 */
public final class CriticalPath {
    /** Seconds by cause. */
    public record Breakdown(double overheadS, double computeS, double hopsS, double stagesS, double serialS,
            double movesS, double interWaferS) {
        public double totalS() {
            return overheadS + computeS + hopsS + stagesS + serialS + movesS + interWaferS;
        }

        @Override
        public String toString() {
            double t = totalS();
            return String.format(Locale.ROOT,
                    "%.1f us/token (%.0f tok/s): op overhead %.0f%%, compute %.0f%%, hops %.0f%%, reduction stages %.0f%%,"
                            + " link serialisation %.0f%%, moves between regions %.0f%%, inter-wafer %.0f%%",
                    t * 1e6, 1 / t, 100 * overheadS / t, 100 * computeS / t, 100 * hopsS / t, 100 * stagesS / t,
                    100 * serialS / t, 100 * movesS / t, 100 * interWaferS / t);
        }
    }

    private CriticalPath() {
    }

    /** Batch-1 decode of one token after {@code context} tokens. */
    public static Breakdown decode(WaferPlacement p, MeshCostModel cost, double interWaferLatencyS,
            double interWaferBytesPerS, int context) {
        ModelSpec m = p.model();
        WaferSpec s = p.spec();
        int h = m.hiddenSize();
        LayerWork.Tokens t = WaferPipelineEngine.tokens(new Step(List.of(new Step.SequenceWork(0, 1, context, false)), 0));
        double[] acc = new double[7];
        WaferPlacement.PlacedPart prev = p.part(p.embeddingPart());
        add(acc, cost, s, prev.region(), LayerWork.embedding(h, prev.region(), 1));
        for (int i = 0; i < m.layerCount(); i++) {
            LayerSpec l = m.layers().get(i);
            WaferPlacement.PlacedPart lp = p.part(p.layerPart(i));
            move(acc, p, prev, lp, LayerWork.activationBytes(h, 1), interWaferLatencyS, interWaferBytesPerS);
            add(acc, cost, s, lp.region(), LayerWork.layer(l, h, lp.region(), t));
            if (l.moe() != null && p.expertParts(i).length > 0) {
                // fan-out of k + shared vectors as one flow, the farthest expert of the layer (an upper
                // bound on where the routed ones are), its work, the fan-in back
                Region a = lp.region();
                int targets = l.moe().activeExperts() + l.moe().sharedExperts();
                long line = targets * LayerWork.ceilDiv(LayerWork.activationBytes(h, 1), a.rows());
                WaferPlacement.PlacedPart far = p.part(p.expertParts(i)[0]);
                int farHops = -1;
                for (int e : p.expertParts(i)) {
                    Region r = p.part(e).region();
                    int hops = Math.abs(r.row0() - a.row0()) + Math.abs(r.col0() - a.col0());
                    if (hops > farHops) {
                        farHops = hops;
                        far = p.part(e);
                    }
                }
                acc[5] += 2 * (farHops * s.hopCycles() + (double) line / s.linkBytesPerCycle());
                add(acc, cost, s, far.region(), LayerWork.expert(l.moe().expert(), h, far.region(), 1));
            }
            prev = lp;
        }
        WaferPlacement.PlacedPart hp = p.part(p.lmHeadPart());
        move(acc, p, prev, hp, LayerWork.activationBytes(h, 1), interWaferLatencyS, interWaferBytesPerS);
        add(acc, cost, s, hp.region(), LayerWork.lmHead(m.lmHead(), h, hp.region(), t));
        if (p.wafers().size() > 1) {
            move(acc, p, hp, p.part(p.embeddingPart()), 4, interWaferLatencyS, interWaferBytesPerS);
        }
        double c = s.clockHz();
        return new Breakdown(acc[0] / c, acc[1] / c, acc[2] / c, acc[3] / c, acc[4] / c, acc[5] / c, acc[6]);
    }

    private static void add(double[] acc, MeshCostModel cost, WaferSpec s, Region r, List<MeshPhase> phases) {
        for (MeshPhase ph : phases) {
            acc[0] += cost.operationOverheadCycles();
            acc[1] += cost.computeCycles(s, ph);
            acc[2] += cost.hops(r, ph) * s.hopCycles();
            acc[3] += cost.stages(r, ph) * cost.stageCycles();
            acc[4] += (double) cost.serialBytes(ph) / s.linkBytesPerCycle();
        }
    }

    private static void move(double[] acc, WaferPlacement p, WaferPlacement.PlacedPart a, WaferPlacement.PlacedPart b,
            long bytes, double ioLatencyS, double ioBytesPerS) {
        WaferSpec s = p.spec();
        long line = LayerWork.ceilDiv(bytes, a.region().rows());
        if (a.wafer() == b.wafer()) {
            int hops = Math.abs(a.region().row0() - b.region().row0()) + Math.abs(a.region().col0() - b.region().col0());
            acc[5] += hops == 0 ? 0 : hops * s.hopCycles() + (double) line / s.linkBytesPerCycle();
            return;
        }
        // to the east edge, across, in from the west edge (intermediate wafers crossed edge to edge)
        int crossings = Math.floorMod(b.wafer() - a.wafer(), p.wafers().size());
        int hopsOut = s.cols() - 1 - a.region().col0();
        int hopsIn = Math.abs(b.region().row0() - a.region().row0()) + b.region().col0();
        acc[5] += (hopsOut > 0 ? hopsOut * s.hopCycles() + (double) line / s.linkBytesPerCycle() : 0)
                + (hopsIn > 0 ? hopsIn * s.hopCycles() + (double) line / s.linkBytesPerCycle() : 0)
                + (crossings - 1) * ((s.cols() - 1) * s.hopCycles() + (double) line / s.linkBytesPerCycle());
        acc[6] += crossings * (ioLatencyS + bytes / ioBytesPerS);
    }
}
