package org.fabricsim.workloads.wafer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.fabric.wafer.MeshPhase;
import org.fabricsim.fabric.wafer.Region;
import org.fabricsim.fabric.wafer.WaferMesh;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;

/**
 * What an MoE layer's walk asks of each of its experts, looked up by part index in flat arrays: the hops
 * from its layer's anchor and their latency, and its work for a token count. Experts of one shape (FFN
 * matrices, region rows and columns) cost the same, so each shape's core seconds and line bytes are
 * computed once per token count. A Kimi K2.6 pass asks ~500 experts; a hash map keyed by the shape's
 * matrix list spent a third of an analytic run comparing those lists. A prompt streamed in 16-token
 * chunks books ~100 experts per layer per chunk, so a booking reads only these flat arrays.
 */
final class ExpertSites {
    private final int[] hops;
    private final double[] hopS;
    private final int[] shape;
    private final int[] regionId;
    private final List<List<MatrixSpec>> shapeFfn;
    private double[][] coreS;
    private double[][] serialS;
    private final int hidden;
    private final WaferPlacement placement;

    ExpertSites(WaferPlacement placement, List<WaferMesh> meshes) {
        int parts = placement.parts().size();
        hops = new int[parts];
        hopS = new double[parts];
        shape = new int[parts];
        regionId = new int[parts];
        this.placement = placement;
        Arrays.fill(shape, -1);
        hidden = placement.model().hiddenSize();
        Map<ShapeKey, Integer> ids = new HashMap<>();
        List<List<MatrixSpec>> ffns = new java.util.ArrayList<>();
        for (LayerSpec spec : placement.model().layers()) {
            if (spec.moe() == null) {
                continue;
            }
            WaferPlacement.PlacedPart lp = placement.part(placement.layerPart(spec.index()));
            Region a = lp.region();
            WaferMesh m = meshes.get(lp.wafer());
            for (int[] group : new int[][] {placement.expertParts(spec.index()), placement.sharedExpertParts(spec.index())}) {
                for (int p : group) {
                    WaferPlacement.PlacedPart ep = placement.part(p);
                    Region r = ep.region();
                    hops[p] = Math.abs(r.row0() - a.row0()) + Math.abs(r.col0() - a.col0());
                    hopS[p] = m.hopSeconds(a.row0(), a.col0(), r.row0(), r.col0());
                    regionId[p] = ep.regionId();
                    List<MatrixSpec> ffn = ep.part().kind() == PartKind.SHARED_EXPERT ? spec.moe().sharedExpert()
                            : spec.moe().expert();
                    shape[p] = ids.computeIfAbsent(new ShapeKey(ffn, r.rows(), r.cols()), k -> {
                        ffns.add(ffn);
                        return ffns.size() - 1;
                    });
                }
            }
        }
        shapeFfn = List.copyOf(ffns);
        coreS = new double[ffns.size()][];
        serialS = new double[ffns.size()][];
        Arrays.fill(coreS, new double[0]);
        Arrays.fill(serialS, new double[0]);
    }

    private record ShapeKey(List<MatrixSpec> ffn, int rows, int cols) {
    }

    /** Manhattan hops from the expert's layer anchor to its region's anchor. */
    int hops(int part) {
        return hops[part];
    }

    /**
     * Books {@code tokens} tokens of work on the expert's region of mesh {@code m}, its vector arriving one
     * hop latency after {@code now}; returns when the expert's result is back at the layer's anchor.
     */
    double book(WaferMesh m, int part, int tokens, double now) {
        int s = shape[part];
        if (tokens >= coreS[s].length || Double.isNaN(coreS[s][tokens])) {
            compute(m, placement.part(part), s, tokens);
        }
        double h = hopS[part];
        return m.reserveSeconds(regionId[part], coreS[s][tokens], serialS[s][tokens], now + h) + h;
    }

    private void compute(WaferMesh m, WaferPlacement.PlacedPart ep, int s, int tokens) {
        if (tokens >= coreS[s].length) {
            int n = Math.max(tokens + 1, 2 * coreS[s].length);
            int old = coreS[s].length;
            coreS[s] = Arrays.copyOf(coreS[s], n);
            Arrays.fill(coreS[s], old, n, Double.NaN);
            serialS[s] = Arrays.copyOf(serialS[s], n);
        }
        List<MeshPhase> phases = LayerWork.expert(shapeFfn.get(s), hidden, ep.region(), tokens);
        coreS[s][tokens] = m.coreSeconds(ep.regionId(), phases);
        serialS[s][tokens] = m.idleSerialisationSeconds(m.lineBytes(phases));
    }
}
