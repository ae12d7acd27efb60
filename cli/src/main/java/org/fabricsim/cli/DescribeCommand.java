package org.fabricsim.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.serving.DisaggregatedPrefill;
import org.fabricsim.workloads.serving.SystemConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fabricsim describe}: what a scenario would build, without running it. */
@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show what a scenario would build: parameters, bytes, placement and capacity.")
final class DescribeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", description = "scenario file")
    Path scenarioFile;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Scenario s = ScenarioLoader.load(scenarioFile, traces.dir());
        PrintWriter o = spec.commandLine().getOut();
        o.printf("scenario %s: %s%n", s.name(), s.description());
        o.printf("seed %d, %d replication(s); workload: %s%n", s.seed(), s.replications(), s.workload());
        for (int i = 0; i < s.systems().size(); i++) {
            SystemConfig c = s.systems().get(i);
            ModelSpec model = ScenarioRunner.model(c);
            ModelSpec draft = ScenarioRunner.draft(c);
            o.printf("%nsystem %s (%s): model %s, %.1f B parameters (%.1f B active), %.1f GB of weights, "
                    + "%.1f KB KV cache per token%n", c.name(), c.getClass().getSimpleName(), model.name(),
                    model.totalParams() / 1e9, model.activeParams() / 1e9, model.weightBytes() / 1e9,
                    model.kvBytesPerToken() / 1e3);
            o.printf("  serving: %s%n", c.serving());
            try {
                for (String line : c.describe(model, draft)) {
                    o.println("  " + line);
                }
                DisaggregatedPrefill dp = c.serving().prefill();
                if (dp != null) {
                    o.printf("  prompts run on %s (%s); each prompt's KV cache (%.1f MB per 1,000 tokens) crosses a"
                            + " %.0f GB/s link with %.0f us latency%n", dp.system().name(),
                            dp.system().getClass().getSimpleName(), model.kvBytesPerToken() * 1000 / 1e6,
                            dp.kvLinkBandwidthBytesPerS() / 1e9, dp.kvLinkLatencyS() * 1e6);
                    for (String line : dp.system().describe(model, null)) {
                        o.println("    " + line);
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new ScenarioException(scenarioFile + ": systems[" + i + "] (" + c.name() + "): " + e.getMessage(), e);
            }
        }
        o.flush();
        return Main.EXIT_OK;
    }
}
