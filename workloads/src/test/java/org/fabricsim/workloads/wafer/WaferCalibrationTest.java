package org.fabricsim.workloads.wafer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.fabricsim.workloads.model.ModelCatalog;
import org.junit.jupiter.api.Test;

/**
 * The two calibration cases of the wafer kind with one set of global constants (benchmarks.md: Cerebras
 * launch blog, Aug 2024, no speculative decoding): single-stream decode within +-15% of the published speed.
 */
class WaferCalibrationTest {

    private static double tokensPerS(String model, String wafers) {
        WaferHarness h = new WaferHarness(WaferHarness.config(model, "wse3", wafers), ModelCatalog.get(model));
        return 1 / WaferHarness.median(h.decodeStepTimes(128, 8));
    }

    @Test
    void llama31_8b_oneWse3_bf16_within15PercentOf1800() {
        assertEquals(1800, tokensPerS("llama-3.1-8b", "auto"), 0.15 * 1800);
    }

    @Test
    void llama31_70b_fourWse3_bf16_within15PercentOf450() {
        assertEquals(450, tokensPerS("llama-3.1-70b", "4"), 0.15 * 450);
    }
}
