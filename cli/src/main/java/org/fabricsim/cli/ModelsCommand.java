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
        Table table = new Table(Table.Col.left("model", 16), Table.Col.right("layers", 6), Table.Col.right("params B", 10),
                Table.Col.right("active B", 10), Table.Col.right("native GB", 12), Table.Col.right("BF16 GB", 10),
                Table.Col.right("FP8 GB", 10), Table.Col.right("INT4 GB", 10), Table.Col.right("KV KB/token", 12));
        for (String name : ModelCatalog.names()) {
            ModelSpec m = ModelCatalog.get(name);
            table.row(name, String.valueOf(m.layerCount()), Table.fixed(1, m.totalParams() / 1e9),
                    Table.fixed(1, m.activeParams() / 1e9), Table.fixed(1, m.weightBytes() / 1e9),
                    Table.fixed(1, Precision.BF16.bytes(m.totalParams()) / 1e9),
                    Table.fixed(1, Precision.FP8.bytes(m.totalParams()) / 1e9),
                    Table.fixed(1, Precision.INT4.bytes(m.totalParams()) / 1e9), Table.fixed(1, m.kvBytesPerToken() / 1e3));
        }
        o.print(table.render());
        o.println("native = the precisions the model ships in (per part); BF16/FP8/INT4 = every weight at that precision"
                + " (INT4 with one BF16 scale per 32 weights)");
        o.flush();
        return Main.EXIT_OK;
    }
}
