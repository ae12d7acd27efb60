package org.fabricsim.workloads.wafer;

import java.util.List;
import java.util.Locale;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.MatrixSpec;
import org.fabricsim.workloads.model.ModelSpec;

/**
 * How many cores each region of a wafer with MoE layers gets.
 *
 * <p>{@code BYTES}: in proportion to the bytes it holds, every core equally full. On an MoE layer that
 * starves the hub (attention + router): it is ~3% of Kimi K2.6's layer bytes, yet every token of every step
 * crosses it, while each routed expert sees a token only when the router picks it.
 *
 * <p>{@code CRITICAL_PATH}: the per-core compute of a decode step along its critical path is made smallest
 * under a fixed number of cores. A step of T tokens spends {@code T x MACs / cores} on the hub and on the
 * lm_head, and, in parallel, on its busiest expert (about {@code max(1, T k / E)} tokens) over the layer's
 * n expert regions, any of which may be that one. Minimising {@code sum of work_i / cores_i} with
 * {@code sum of cores} fixed gives {@code cores_i ~ sqrt(work_i x share_i)} (Lagrange; share 1 on the
 * path, 1/n for one of n parallel expert regions): for Kimi K2.6 at T = 4 (a 3-token speculative verify)
 * the hub gets ~70 times an expert's cores instead of ~9. No part gets fewer cores than its bytes need:
 * {@link #claims} is {@code max(bytes, lambda x weight)}, and the placement takes the largest lambda that
 * still packs, so SRAM the MoE packing leaves free goes to the regions every token crosses. Dense wafers
 * keep {@code BYTES}: every layer region sees every token there, so bytes already measure work.
 */
public enum RegionSizing {
    BYTES, CRITICAL_PATH;

    /** Parses a scenario value: {@code bytes} or {@code critical_path}. */
    public static RegionSizing parse(String value) {
        for (RegionSizing s : values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("region_sizing: must be bytes or critical_path, got " + value);
    }

    /**
     * Each part's {@code sqrt(work x share)} for a decode step of {@code stepTokens} tokens (MACs, the unit of
     * {@link #claims}' lambda); 0 for the embedding (a lookup).
     */
    static double[] weights(List<ModelPart> parts, ModelSpec model, int stepTokens) {
        int[] expertRegions = new int[model.layerCount()];
        for (ModelPart p : parts) {
            expertRegions[Math.max(0, p.layer())] += p.kind() == PartKind.EXPERT || p.kind() == PartKind.SHARED_EXPERT ? 1 : 0;
        }
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            ModelPart p = parts.get(i);
            double macs = 0;
            for (MatrixSpec m : p.matrices()) {
                macs += m.params();
            }
            LayerSpec.MoeSpec moe = p.layer() < 0 ? null : model.layers().get(p.layer()).moe();
            out[i] = switch (p.kind()) {
                case EMBEDDING -> 0;
                case LAYER, LM_HEAD -> Math.sqrt(stepTokens * macs);
                case SHARED_EXPERT -> Math.sqrt(stepTokens * macs / expertRegions[p.layer()]);
                case EXPERT -> Math.sqrt(Math.max(1.0, (double) stepTokens * moe.activeExperts() / moe.routedExperts())
                        * macs / expertRegions[p.layer()]);
            };
        }
        return out;
    }

    /** What each part asks of the packer: its bytes, or more where its weight at {@code lambda} asks for more. */
    static List<Long> claims(List<Long> bytes, double[] weights, double lambda) {
        Long[] out = new Long[bytes.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(bytes.get(i), (long) Math.ceil(lambda * weights[i]));
        }
        return List.of(out);
    }

    /** The lambda beyond which every part with a weight is sized by it alone (larger changes nothing). */
    static double lambdaAllByWork(List<Long> bytes, double[] weights) {
        double max = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                max = Math.max(max, bytes.get(i) / weights[i]);
            }
        }
        return max;
    }
}
