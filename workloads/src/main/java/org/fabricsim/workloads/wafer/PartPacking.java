package org.fabricsim.workloads.wafer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.fabric.api.WaferDescription;
import org.fabricsim.workloads.model.MatrixSpec;

/**
 * Packs contiguous ranges of a model's parts (a wafer's worth) with a {@link RegionPacker}: which parts go on which
 * wafer, and each one's region. The parts' bytes and matrix shapes are read once into arrays: placing Kimi K2.6 on
 * 20 WSE-3 packs ranges of ~1,200 parts a few hundred times, each probe asking every part's per-core need, and
 * reading that from the parts' matrix lists each time (boxed sizes, list iterators) was most of the placement's
 * allocation. Packing a range is deterministic, so a range packed once (choosing how many layers fit a wafer) is
 * not packed again when its regions are sized.
 */
final class PartPacking {
    private final List<ModelPart> parts;
    private final long minKvTokens;
    private final int bufferTokens;
    private final RegionPacker packer;
    private final long waferCapacityBytes;
    /** Bytes each part must hold in all: weights and the minimum KV cache. */
    private final long[] hold;
    private final long[] weightBytes;
    private final long[] kvBytesPerToken;
    private final boolean[] expert;
    /** Part i's matrices are [matrixStart[i], matrixStart[i + 1]) of matrixRows and matrixCols. */
    private final int[] matrixStart;
    private final int[] matrixRows;
    private final int[] matrixCols;
    /** Ranges packed by bytes so far, by (from, to); null where they did not pack. */
    private final Map<Long, Region[]> packedByBytes = new HashMap<>();

    PartPacking(List<ModelPart> parts, WaferDescription spec, long usableBytesPerCore, long minKvTokens,
            int bufferTokens) {
        this.parts = parts;
        this.minKvTokens = minKvTokens;
        this.bufferTokens = bufferTokens;
        this.packer = new RegionPacker(spec.rows(), spec.cols(), usableBytesPerCore);
        this.waferCapacityBytes = usableBytesPerCore * spec.cores();
        int n = parts.size();
        hold = new long[n];
        weightBytes = new long[n];
        kvBytesPerToken = new long[n];
        expert = new boolean[n];
        matrixStart = new int[n + 1];
        for (int i = 0; i < n; i++) {
            matrixStart[i + 1] = matrixStart[i] + parts.get(i).matrices().size();
        }
        matrixRows = new int[matrixStart[n]];
        matrixCols = new int[matrixStart[n]];
        for (int i = 0; i < n; i++) {
            ModelPart p = parts.get(i);
            hold[i] = WaferPlacement.bytesToHold(p, minKvTokens);
            weightBytes[i] = p.weightBytes();
            kvBytesPerToken[i] = p.kvBytesPerToken();
            expert[i] = p.kind() == PartKind.EXPERT;
            List<MatrixSpec> m = p.matrices();
            for (int j = 0; j < m.size(); j++) {
                matrixRows[matrixStart[i] + j] = m.get(j).rows();
                matrixCols[matrixStart[i] + j] = m.get(j).cols();
            }
        }
    }

    /**
     * Per-core bytes part {@code i} needs on a rows x cols region: its weights, its minimum KV cache and its
     * activation buffers ({@link ModelPart#activationBytesPerCore} for a step of the buffer tokens).
     */
    long perCoreNeed(int i, int rows, int cols) {
        long cores = (long) rows * cols;
        long words = 0;
        for (int j = matrixStart[i]; j < matrixStart[i + 1]; j++) {
            words = Math.max(words, ModelPart.ceilDiv(matrixCols[j], cols) + ModelPart.ceilDiv(matrixRows[j], rows));
        }
        return ModelPart.ceilDiv(weightBytes[i], cores) + ModelPart.ceilDiv(minKvTokens * kvBytesPerToken[i], cores)
                + 4L * bufferTokens * words;
    }

    /** The per-core need of parts [from, ...) indexed from 0, as the packer asks it. */
    private RegionPacker.PerCoreNeed need(int from) {
        return (i, r, c) -> perCoreNeed(from + i, r, c);
    }

    /** Fills wafers in order with as many blocks as pack on each; returns first part index per wafer (+ end), or null. */
    int[] greedy() {
        List<Integer> starts = WaferPlacement.blockStarts(parts);
        starts.add(parts.size());
        int blocks = starts.size() - 1;
        List<Integer> firsts = new ArrayList<>();
        int b = 0;
        while (b < blocks) {
            // upper estimate by bytes, then shrink until the regions pack
            long cum = 0;
            int e = b;
            while (e < blocks) {
                long blockBytes = 0;
                for (int i = starts.get(e); i < starts.get(e + 1); i++) {
                    blockBytes += hold[i];
                }
                if (cum + blockBytes > waferCapacityBytes && e > b) {
                    break;
                }
                cum += blockBytes;
                e++;
            }
            while (e > b && pack(starts.get(b), starts.get(e)) == null) {
                e--;
            }
            if (e == b) {
                return null;
            }
            firsts.add(starts.get(b));
            b = e;
        }
        int[] out = new int[firsts.size() + 1];
        for (int i = 0; i < firsts.size(); i++) {
            out[i] = firsts.get(i);
        }
        out[firsts.size()] = parts.size();
        return out;
    }

    /**
     * The regions of each wafer's parts, wafer w holding parts [first[w], first[w + 1]), sized by bytes or (with
     * {@code weights}, one per part) by {@link RegionSizing#CRITICAL_PATH}; null if some wafer's parts do not pack.
     */
    List<Region[]> packAll(int[] first, double[] weights) {
        List<Region[]> out = new ArrayList<>();
        for (int w = 0; w + 1 < first.length; w++) {
            if (first[w + 1] <= first[w]) {
                return null;
            }
            Region[] r = weights == null ? pack(first[w], first[w + 1])
                    : packByWork(first[w], first[w + 1], Arrays.copyOfRange(weights, first[w], first[w + 1]));
            if (r == null) {
                return null;
            }
            out.add(r);
        }
        return out;
    }

    /** Parts [from, to) packed by their bytes: in strips when they are MoE layers and that packs, else in shelves. */
    private Region[] pack(int from, int to) {
        long key = ((long) from << 32) | to;
        if (packedByBytes.containsKey(key)) {
            return packedByBytes.get(key);
        }
        long[] bytes = Arrays.copyOfRange(hold, from, to);
        Region[] strips = strips(from, to, bytes);
        Region[] out = strips != null ? strips : packer.pack(bytes, need(from));
        packedByBytes.put(key, out);
        return out;
    }

    /**
     * Packs with {@link RegionSizing#CRITICAL_PATH}: the largest lambda at which the parts' claims (bytes, or
     * lambda x weight where that is more) still pack in strips; bytes alone where that is all that packs.
     */
    private Region[] packByWork(int from, int to, double[] weights) {
        Region[] byBytes = pack(from, to);
        if (byBytes == null || !hasExpert(from, to)) {
            return byBytes;
        }
        long[] bytes = Arrays.copyOfRange(hold, from, to);
        double hi = RegionSizing.lambdaAllByWork(bytes, weights);
        Region[] best = strips(from, to, RegionSizing.claims(bytes, weights, hi));
        if (best != null) {
            return best;
        }
        best = byBytes;
        double lo = 0;
        // packing is close to monotone in lambda; 16 halvings place the hubs to within 0.002% of the range
        for (int it = 0; it < 16; it++) {
            double mid = (lo + hi) / 2;
            Region[] r = strips(from, to, RegionSizing.claims(bytes, weights, mid));
            if (r != null) {
                lo = mid;
                best = r;
            } else {
                hi = mid;
            }
        }
        return best;
    }

    private boolean hasExpert(int from, int to) {
        for (int i = from; i < to; i++) {
            if (expert[i]) {
                return true;
            }
        }
        return false;
    }

    /** Parts [from, to) packed in strips by {@code sizes}, or null if they are not MoE layers or do not pack so. */
    private Region[] strips(int from, int to, long[] sizes) {
        if (!hasExpert(from, to)) {
            return null;
        }
        // MoE layers are hubs with spokes: a strip per layer keeps each layer's experts near its attention
        // a group per layer, its hub the layer's own part; the embedding and the lm_head a group each
        int[] starts = new int[to - from];
        int[] hubs = new int[to - from];
        int groups = 0;
        for (int i = 0; i < to - from; i++) {
            PartKind k = parts.get(from + i).kind();
            if (i == 0 || k == PartKind.LAYER || k == PartKind.EMBEDDING || k == PartKind.LM_HEAD
                    || k == PartKind.DRAFT_EMBEDDING || k == PartKind.DRAFT_LAYER) {
                starts[groups] = i;
                hubs[groups] = k == PartKind.LAYER ? i : -1;
                groups++;
            }
        }
        return packer.packStrips(sizes, Arrays.copyOf(starts, groups), Arrays.copyOf(hubs, groups), need(from));
    }
}
