package org.fabricsim.workloads.wafer;

import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.fabric.api.MeshWork;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;

/**
 * The work an MoE layer's walk asks of each of its experts, looked up by part index in flat arrays. Experts
 * of one shape (FFN matrices, region rows and columns) do the same work, so each shape's work is built once
 * per token count and the same instance handed to the fabric, which remembers what it costs. A Kimi K2.6 pass
 * asks ~500 experts, and a prompt streamed in 16-token chunks ~100 per layer per chunk, so a lookup reads
 * only these arrays (a hash map keyed by the shape's matrix list spent a third of an analytic run comparing
 * those lists).
 */
final class ExpertSites {
    private final int[] shape;
    private final List<List<MatrixSpec>> shapeFfn;
    private final List<Region> shapeRegion;
    private final MeshWork[][] work;
    private final int hidden;

    ExpertSites(WaferPlacement placement) {
        int parts = placement.parts().size();
        shape = new int[parts];
        Arrays.fill(shape, -1);
        hidden = placement.model().hiddenSize();
        Map<ShapeKey, Integer> ids = new HashMap<>();
        // a layer's experts share one FFN list: it is compared with other layers' (equal lists are one shape) once
        // per list, and a part's key holds the list's number, not the list to hash again for each of ~23,000 parts
        Map<List<MatrixSpec>, Integer> ffnIds = new IdentityHashMap<>();
        Map<List<MatrixSpec>, Integer> distinctFfns = new HashMap<>();
        List<List<MatrixSpec>> ffns = new java.util.ArrayList<>();
        List<Region> regions = new java.util.ArrayList<>();
        for (LayerSpec spec : placement.model().layers()) {
            if (spec.moe() == null) {
                continue;
            }
            for (int[] group : new int[][] {placement.expertParts(spec.index()), placement.sharedExpertParts(spec.index())}) {
                for (int p : group) {
                    WaferPlacement.PlacedPart ep = placement.part(p);
                    Region r = ep.region();
                    List<MatrixSpec> ffn = ep.part().kind() == PartKind.SHARED_EXPERT ? spec.moe().sharedExpert()
                            : spec.moe().expert();
                    int ffnId = ffnIds.computeIfAbsent(ffn, f -> distinctFfns.computeIfAbsent(f, d -> distinctFfns.size()));
                    shape[p] = ids.computeIfAbsent(new ShapeKey(ffnId, r.rows(), r.cols()), k -> {
                        ffns.add(ffn);
                        regions.add(r);
                        return ffns.size() - 1;
                    });
                }
            }
        }
        shapeFfn = List.copyOf(ffns);
        shapeRegion = List.copyOf(regions);
        work = new MeshWork[ffns.size()][0];
    }

    /** An expert's shape: its FFN matrices (by their number among the distinct lists) and its region's size. */
    private record ShapeKey(int ffn, int rows, int cols) {
    }

    /** The expert part's work for {@code tokens} tokens: input multicast, gate/up, down. */
    MeshWork work(int part, int tokens) {
        int s = shape[part];
        if (tokens >= work[s].length) {
            work[s] = Arrays.copyOf(work[s], Math.max(tokens + 1, 2 * work[s].length));
        }
        MeshWork w = work[s][tokens];
        if (w == null) {
            w = new MeshWork(LayerWork.expert(shapeFfn.get(s), hidden, shapeRegion.get(s), tokens));
            work[s][tokens] = w;
        }
        return w;
    }
}
