package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.fabricsim.cli.sweep.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An axis's {@code with} keys take their k-th value with the axis's k-th, not a grid of their own. */
class SweepCompanionTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private Path sweep(String requests) throws IOException {
        write("base.yaml", """
                name: base
                workload: {source: closed, users: 1, requests: 4, prompt_tokens: 16, output_tokens: 4}
                systems:
                  - {kind: gpu, name: g, model: llama-3.1-8b}
                """);
        return write("sweep.yaml", """
                name: paired
                base: base.yaml
                axes:
                  - path: workload.users
                    name: concurrency
                    values: [2, 4, 8]
                    with:
                      - path: workload.requests
                        values: %s
                """.formatted(requests));
    }

    @Test
    void companionValues_goWithTheAxisValues_oneColumnAndNoGrid() throws Exception {
        SweepPlan plan = SweepLoader.load(sweep("[20, 40, 80]"));
        assertEquals(3, plan.points().size());
        assertEquals(List.of("concurrency"), plan.parameters());
        for (int k = 0; k < 3; k++) {
            Scenario s = SweepLoader.bindPoint(plan.points().get(k));
            assertEquals(10 * s.workload().users(), s.workload().requests());
        }
    }

    @Test
    void aCompanionOfAnotherLength_isRefusedNamingIt() throws Exception {
        String e = assertThrows(ScenarioException.class, () -> SweepLoader.load(sweep("[20, 40]"))).getMessage();
        assertTrue(e.contains("with[0] (workload.requests)") && e.contains("2 values for the axis's 3"), e);
    }
}
