package org.fabricsim.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.fabricsim.workloads.model.ModelCatalog;
import org.fabricsim.workloads.model.ModelSpec;
import org.fabricsim.workloads.model.Precision;
import picocli.CommandLine.Command;

/** {@code fabricsim models}: the model catalog with parameter counts and bytes at each precision. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "List the model catalog: layers, parameters (total / active), weight bytes, KV bytes per token.")
final class ModelsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%-16s %6s %10s %10s %12s %10s %10s %10s %12s%n", "model", "layers", "params B", "active B",
                "native GB", "BF16 GB", "FP8 GB", "INT4 GB", "KV KB/token");
        for (String name : ModelCatalog.names()) {
            ModelSpec m = ModelCatalog.get(name);
            o.printf("%-16s %6d %10.1f %10.1f %12.1f %10.1f %10.1f %10.1f %12.1f%n", name, m.layerCount(),
                    m.totalParams() / 1e9, m.activeParams() / 1e9, m.weightBytes() / 1e9,
                    Precision.BF16.bytes(m.totalParams()) / 1e9, Precision.FP8.bytes(m.totalParams()) / 1e9,
                    Precision.INT4.bytes(m.totalParams()) / 1e9, m.kvBytesPerToken() / 1e3);
        }
        o.println("native = the precisions the model ships in (per part); BF16/FP8/INT4 = every weight at that precision"
                + " (INT4 with one BF16 scale per 32 weights)");
        o.flush();
        return Main.EXIT_OK;
    }
}
