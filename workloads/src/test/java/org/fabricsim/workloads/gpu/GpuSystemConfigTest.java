package org.fabricsim.workloads.gpu;

import org.fabricsim.workloads.model.ModelRef;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.fabricsim.workloads.model.ModelCatalog;
import org.junit.jupiter.api.Test;

class GpuSystemConfigTest {

    private static GpuSystemConfig config(String gpu, Integer nodes, int tp, int ep, int pp, int dp) {
        return new GpuSystemConfig("g", ModelRef.named("llama-3.1-70b"), null, gpu == null ? null : GpuHardware.named(gpu), nodes, null, tp, ep, pp, dp, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    @Test
    void defaults_fillEnoughNodesForTheParallelism() {
        GpuSystemConfig c = config("h100", null, 8, 1, 2, 3);
        assertEquals(6, c.nodes());
        assertEquals(8, c.gpusPerNode());
        assertEquals("ndr", c.nic());
        assertEquals("rail_optimized", c.topology());
        assertTrue(c.cudaGraphs());
        assertEquals("auto", c.allReduce());
        assertEquals("bf16", c.kvPrecision());
    }

    @Test
    void tooFewNodes_isRefusedNamingNodes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> config("h100", 1, 8, 1, 2, 1));
        assertTrue(e.getMessage().startsWith("nodes:"), e.getMessage());
    }

    @Test
    void badValues_areRefusedNamingTheKey() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("a100", null, 1, 1, 1, 1)).getMessage()
                .startsWith("base: must be one of b200, h100, h200, got a100"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("h100", null, 0, 1, 1, 1)).getMessage()
                .startsWith("tensor_parallel:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> config("h100", null, 4, 6, 1, 1)).getMessage()
                .startsWith("expert_parallel:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new GpuSystemConfig("g", ModelRef.named("m"), null, null, null, null, null, null, null, null, "fp6", null, null,
                        null, null, null, null, null, null, null, null, null)).getMessage().startsWith("weight_precision:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new GpuSystemConfig("g", ModelRef.named("m"), null, null, null, null, null, null, null, null, null, null, "hdr",
                        null, null, null, null, null, null, null, null, null)).getMessage().startsWith("nic:"));
    }

    @Test
    void describe_reportsPerGpuMemoryAndTheKvBudget() {
        List<String> lines = config("h100", null, 8, 1, 1, 1).describe(ModelCatalog.get("llama-3.1-70b"), null);
        String all = String.join("\n", lines);
        assertTrue(all.contains("17.64 GB weights"), all);
        assertTrue(all.contains("KV-cache budget"), all);
    }

    @Test
    void describe_refusesWhatDoesNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> config("h100", null, 1, 1, 1, 1).describe(ModelCatalog.get("llama-3.1-70b"), null));
        assertTrue(e.getMessage().contains("short by"), e.getMessage());
    }
}
