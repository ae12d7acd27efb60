package org.fabricsim.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fabricsim validate}: loads scenarios and deploys their systems without simulating. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files: syntax, keys, values, models and capacity. Exit 2 on the first bad one.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "scenario files")
    Path[] files;

    @picocli.CommandLine.Mixin
    TracesOption traces = new TracesOption();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (Path f : files) {
            Scenario s = ScenarioLoader.load(f, traces.dir());
            try {
                ScenarioRunner.checkDeployments(s, s.seed());
                ScenarioRunner.workload(s, org.fabricsim.core.random.RandomStreams.derive(s.seed(), "replication-0"));
            } catch (ScenarioException e) {
                throw new ScenarioException(f + ": " + e.getMessage(), e);
            }
            spec.commandLine().getOut().printf("%s: ok (%d system(s))%n", f, s.systems().size());
        }
        spec.commandLine().getOut().flush();
        return Main.EXIT_OK;
    }
}
