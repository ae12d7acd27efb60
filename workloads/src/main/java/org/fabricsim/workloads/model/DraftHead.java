package org.fabricsim.workloads.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The draft head of EAGLE-style speculative decoding: a few dense decoder layers that read the target's top
 * hidden state and the sampled token's embedding, and share the target's embedding and lm_head (Li et al.,
 * "EAGLE", ICML 2024, and EAGLE-3, 2025). Its layers are shaped like the target's first layers; an MoE layer
 * becomes the dense FFN a token passes through, its shared experts and k active experts. The fusion of the
 * draft's inputs (a 2h x h matrix in EAGLE, 3h x h in EAGLE-3) is not part of it.
 */
public final class DraftHead {
    private DraftHead() {
    }

    /** The head's {@code n} layers (indices 0..n-1), from the target's first {@code n}. */
    public static List<LayerSpec> layers(ModelSpec target, int n) {
        if (n < 1 || n > target.layerCount()) {
            throw new IllegalArgumentException("speculative.draft_layers: must be in 1.." + target.layerCount() + " for "
                    + target.name() + ", got " + n);
        }
        List<LayerSpec> out = new ArrayList<>(n);
        for (LayerSpec l : target.layers().subList(0, n)) {
            out.add(dense(l));
        }
        return List.copyOf(out);
    }

    private static LayerSpec dense(LayerSpec l) {
        if (l.moe() == null) {
            return l;
        }
        List<MatrixSpec> ffn = new ArrayList<>();
        for (int s = 0; s < l.moe().sharedExperts(); s++) {
            ffn.addAll(l.moe().sharedExpert());
        }
        for (int e = 0; e < l.moe().activeExperts(); e++) {
            ffn.addAll(l.moe().expert());
        }
        return new LayerSpec(l.index(), l.attention(), ffn, null, l.kvBytesPerToken(), l.attentionFlopsPerContextToken(),
                l.attentionWindowTokens(), l.attentionHeads(), l.attentionKvHeads());
    }
}
