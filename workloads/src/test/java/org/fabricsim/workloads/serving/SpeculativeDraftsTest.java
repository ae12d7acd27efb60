package org.fabricsim.workloads.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpeculativeDraftsTest {
    private static Step speculative(int k) {
        return new Step(List.of(new Step.SequenceWork(1, 1, 100, false), new Step.SequenceWork(2, 512, 0, true),
                new Step.SequenceWork(3, 1, 7, false)), k);
    }

    @Test
    void passI_attendsToTheContextPlusTheTokensDraftedBeforeIt() {
        for (int i = 0; i < 4; i++) {
            Step pass = SpeculativeDrafts.pass(speculative(4), i);
            assertEquals(List.of(new Step.SequenceWork(1, 1, 100 + i, false), new Step.SequenceWork(3, 1, 7 + i, false)),
                    pass.sequences(), "pass " + i + ": the prefilling sequence has nothing to draft");
            assertEquals(0, pass.draftTokens());
        }
    }

    @Test
    void kPasses_runOneAfterAnother_thenTheVerify() {
        List<Runnable> pending = new ArrayList<>();
        List<Integer> contexts = new ArrayList<>();
        boolean[] verified = {false};
        SpeculativeDrafts.run(speculative(3), (pass, done) -> {
            assertTrue(pending.isEmpty(), "a pass starts only once the one before it has ended");
            contexts.add(pass.sequences().get(0).contextTokens());
            pending.add(done);
        }, () -> verified[0] = true);
        while (!pending.isEmpty()) {
            assertTrue(!verified[0]);
            pending.remove(0).run();
        }
        assertEquals(List.of(100, 101, 102), contexts);
        assertTrue(verified[0]);
    }

    @Test
    void aStepThatOnlyPrefills_draftsNothing() {
        Step prefill = new Step(List.of(new Step.SequenceWork(2, 512, 0, true)), 3);
        assertNull(SpeculativeDrafts.pass(prefill, 0));
        int[] passes = {0};
        boolean[] verified = {false};
        SpeculativeDrafts.run(prefill, (pass, done) -> passes[0]++, () -> verified[0] = true);
        assertEquals(0, passes[0]);
        assertTrue(verified[0]);
    }
}
