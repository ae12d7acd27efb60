package org.fabricsim.workloads.wafer;

import org.fabricsim.workloads.model.MlaAttention;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.MoeConfig;
import org.fabricsim.workloads.model.Precision;
import org.fabricsim.workloads.model.TransformerConfig;
import org.fabricsim.workloads.model.WeightPrecisions;

/** Small synthetic models for engine tests on small wafers. */
final class SmallModels {
    private SmallModels() {
    }

    /** 2 dense GQA layers, hidden 256, 4 heads of 64 (2 KV heads), FFN 512, vocabulary 1000, BF16. */
    static ModelSpec dense(int layers) {
        return TransformerConfig.denseGqa("tiny-dense", layers, 256, 4, 2, 64, 512, 1000, 4096, false, Precision.BF16)
                .build();
    }

    /** 3 MLA layers (the first dense), 16 routed experts top-2 + 1 shared, hidden 256. */
    static ModelSpec moe() {
        return moe(2);
    }

    /** As {@link #moe()} with top-k routing. */
    static ModelSpec moe(int activeExperts) {
        return moe(activeExperts, 128);
    }

    /**
     * As {@link #moe()} with top-k routing and experts of FFN size {@code expertFfn}: at 2048 an expert holds
     * 3 MB, so on a small grid its cores spend most of a step reading its weights, as Kimi K2.6's do.
     */
    static ModelSpec moe(int activeExperts, int expertFfn) {
        return moe(activeExperts, expertFfn, 1);
    }

    /** As {@link #moe(int, int)} with {@code sharedExperts} shared experts (0: only routed ones, as Mixtral). */
    static ModelSpec moe(int activeExperts, int expertFfn, int sharedExperts) {
        return moe("tiny-moe", 3, activeExperts, expertFfn, sharedExperts);
    }

    /**
     * As {@link #moe()} with 8 layers: a pipeline deep enough that many single-request steps are in flight
     * at once and meet at the same expert regions.
     */
    static ModelSpec deepMoe() {
        return moe("deep-moe", 8, 2, 128, 1);
    }

    private static ModelSpec moe(String name, int layers, int activeExperts, int expertFfn, int sharedExperts) {
        MlaAttention mla = new MlaAttention(4, 64, 32, 32, 16, 32);
        return TransformerConfig.mlaMoe(name, layers, 256, mla, 512,
                new MoeConfig(16, activeExperts, sharedExperts, expertFfn, 1), 1000, 4096,
                WeightPrecisions.uniform(Precision.BF16)).build();
    }
}
