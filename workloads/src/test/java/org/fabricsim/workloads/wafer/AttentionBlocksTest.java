package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.fabricsim.fabric.api.Region;
import org.fabricsim.workloads.model.LayerSpec;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.junit.jupiter.api.Test;

class AttentionBlocksTest {
    @Test
    void keptShapes_giveTheBlockBuiltFromScratch_forRandomStepsOnRandomParts() {
        // Kimi K2.6's attention has down- and up-projections (both projection phases); steps of one token count but
        // other contexts reuse a kept shape, and must still get their own attention phase
        ModelSpec m = ModelCatalog.get("kimi-k2.6");
        Region[] regions = {new Region(0, 0, 40, 90), new Region(3, 7, 17, 33), new Region(0, 0, 1, 1)};
        AttentionBlocks blocks = new AttentionBlocks(m.hiddenSize(), regions.length);
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 3000; trial++) {
            int part = random.nextInt(regions.length);
            LayerSpec l = m.layers().get(part * 7);
            int sequences = 1 + random.nextInt(3);
            int[] newTokens = new int[sequences];
            int[] context = new int[sequences];
            int tokens = 0;
            for (int i = 0; i < sequences; i++) {
                newTokens[i] = 1 + random.nextInt(6);
                context[i] = random.nextInt(5000);
                tokens += newTokens[i];
            }
            LayerWork.Tokens t = new LayerWork.Tokens(tokens, tokens, newTokens, context);
            assertEquals(LayerWork.attentionBlock(l, m.hiddenSize(), regions[part], t),
                    List.copyOf(blocks.work(l, part, regions[part], t).phases()), "trial " + trial);
        }
    }
}
