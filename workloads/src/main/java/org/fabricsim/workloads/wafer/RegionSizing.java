package org.fabricsim.workloads.wafer;

import java.util.List;
import org.fabricsim.core.registry.Named;
import org.fabricsim.core.registry.Registry;
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
 * lm_head, and then on the layer's expert regions, which run in parallel: its busiest routed expert (about
 * {@code max(1, T k / E)} tokens, and any of the E may be it) and its shared experts (all T tokens), sized
 * to finish together. Minimising {@code sum of work_i / cores_i} over the stages with {@code sum of cores}
 * fixed gives {@code cores_i ~ sqrt(work_i / n_i)} (Lagrange; n_i the routed experts' worth of cores a
 * stage's part stands for, see {@link #weights}): for Kimi K2.6 at T = 4 (a 3-token speculative verify)
 * the hub gets ~70 times an expert's cores instead of ~9. No part gets fewer cores than its bytes need:
 * {@link #claims} is {@code max(bytes, lambda x weight)}, and the placement takes the largest lambda that
 * still packs, so SRAM the MoE packing leaves free goes to the regions every token crosses. Dense wafers
 * keep {@code BYTES}: every layer region sees every token there, so bytes already measure work.
 */
public enum RegionSizing implements Named {
    BYTES("cores in proportion to the bytes a region holds, every core equally full"),
    CRITICAL_PATH("cores that make a decode step's critical path shortest (hub and lm_head beside the experts),"
            + " never fewer than the bytes need");

    /** Every sizing, by the name a wafer system's {@code region_sizing:} gives. */
    public static final Registry<RegionSizing> REGISTRY = Registry.of("region_sizing", values());

    private final String description;

    RegionSizing(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    /** Parses a scenario value: {@code bytes} or {@code critical_path}. */
    public static RegionSizing parse(String value) {
        return REGISTRY.get(value);
    }

    /**
     * Each part's weight for a decode step of {@code stepTokens} tokens (in sqrt(MACs), the unit of
     * {@link #claims}' lambda); 0 for the embedding (a lookup). The hub and the lm_head are serial stages:
     * {@code sqrt(T x MACs)}. A layer's expert regions run in parallel, so they are balanced rather than
     * summed: a routed expert works on {@code W_e = max(1, T k / E) x MACs}, a shared one on all T tokens,
     * {@code W_s = T x MACs}, and a shared region gets {@code W_s / W_e} times a routed one's cores so that both
     * finish together. The layer's experts then act as one stage of {@code n = E + sum of W_s / W_e} routed
     * experts' cores, and a routed expert's weight is {@code sqrt(W_e / n)}.
     */
    static double[] weights(List<ModelPart> parts, ModelSpec model, int stepTokens) {
        int layers = model.layerCount();
        double[] routedWork = new double[layers];
        double[] expertUnits = new double[layers];
        for (ModelPart p : parts) {
            if (p.kind() == PartKind.EXPERT) {
                routedWork[p.layer()] = routedWork(p, model, stepTokens);
            }
        }
        for (ModelPart p : parts) {
            if (p.kind() == PartKind.EXPERT) {
                expertUnits[p.layer()] += 1;
            } else if (p.kind() == PartKind.SHARED_EXPERT) {
                expertUnits[p.layer()] += stepTokens * macs(p) / routedWork[p.layer()];
            }
        }
        double[] out = new double[parts.size()];
        for (int i = 0; i < out.length; i++) {
            ModelPart p = parts.get(i);
            int l = p.layer();
            out[i] = switch (p.kind()) {
                case EMBEDDING, DRAFT_EMBEDDING -> 0;
                case LAYER, LM_HEAD, DRAFT_LAYER -> Math.sqrt(stepTokens * macs(p));
                case EXPERT -> Math.sqrt(routedWork[l] / expertUnits[l]);
                case SHARED_EXPERT -> stepTokens * macs(p) / routedWork[l] * Math.sqrt(routedWork[l] / expertUnits[l]);
            };
        }
        return out;
    }

    /** MACs a routed expert does in a step: its busiest share of the step's tokens, at least one. */
    private static double routedWork(ModelPart p, ModelSpec model, int stepTokens) {
        LayerSpec.MoeSpec moe = model.layers().get(p.layer()).moe();
        return Math.max(1.0, (double) stepTokens * moe.activeExperts() / moe.routedExperts()) * macs(p);
    }

    private static double macs(ModelPart p) {
        double macs = 0;
        List<MatrixSpec> matrices = p.matrices();
        for (int i = 0; i < matrices.size(); i++) {
            macs += matrices.get(i).params();
        }
        return macs;
    }

    /** What each part asks of the packer: its bytes, or more where its weight at {@code lambda} asks for more. */
    static long[] claims(long[] bytes, double[] weights, double lambda) {
        long[] out = new long[bytes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(bytes[i], (long) Math.ceil(lambda * weights[i]));
        }
        return out;
    }

    /** The lambda beyond which every part with a weight is sized by it alone (larger changes nothing). */
    static double lambdaAllByWork(long[] bytes, double[] weights) {
        double max = 0;
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] > 0) {
                max = Math.max(max, bytes[i] / weights[i]);
            }
        }
        return max;
    }
}
