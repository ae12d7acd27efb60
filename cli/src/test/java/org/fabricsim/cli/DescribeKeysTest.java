package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code describe} prints what an architect reads: the scenario's own snake_case keys, not Java record dumps. */
class DescribeKeysTest {
    @Test
    void describe_printsScenarioKeys_notRecordDumps() {
        var r = CliTestSupport.run("describe", "../scenarios/quickstart.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("serving: {batch_limit: 16, token_budget: 8192"), r.out());
        assertTrue(r.out().contains("rate_per_s: 4.0"), r.out());
        assertTrue(r.out().contains("(kind roofline)"), r.out());
        for (String dump : new String[] {"ServingPolicy[", "WorkloadConfig[", "batchLimit", "ratePerS", "=null",
            "RooflineSystemConfig"}) {
            assertFalse(r.out().contains(dump), dump + " in: " + r.out());
        }
    }
}
