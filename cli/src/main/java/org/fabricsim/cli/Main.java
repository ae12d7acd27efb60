package org.fabricsim.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code fabricsim} command. Exit codes: 0 success, 2 bad input, 1 internal error. */
@Command(name = "fabricsim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Discrete-event simulator of LLM inference hardware: wafer-scale engines and GPU clusters"
            + " replaying token-generation workloads and reporting per-token latency distributions.",
        subcommands = {RunCommand.class, DescribeCommand.class, ValidateCommand.class, ModelsCommand.class,
            CompareCommand.class, ValidateCurvesCommand.class, FitStackCommand.class, SweepCommand.class, SearchCommand.class, PlotCommand.class, BenchCommand.class, NocCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the command line with fabricsim's exit codes and error messages. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (CommandLine sub : cl.getSubcommands().values()) {
            var usage = sub.getCommandSpec().usageMessage();
            // the command list shows a description's first line only: one paragraph, which picocli wraps, shows it whole
            if (usage.description().length > 1) {
                usage.description(String.join(" ", usage.description()));
            }
            sub.getCommandSpec().versionProvider(new Version()); // -V on every command, not only the top level
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof ScenarioException) {
                err.println("error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException
                    || ex instanceof java.nio.file.FileSystemNotFoundException
                    || ex instanceof java.nio.file.ReadOnlyFileSystemException) {
                // a disk fault (read-only, full, /proc): one line naming the path and the cause, no stack trace
                err.println("error: " + OutputFailure.describe(ex));
                return EXIT_INTERNAL;
            }
            err.println("internal error: " + ex);
            ex.printStackTrace(err);
            return EXIT_INTERNAL;
        });
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Version from the jar manifest, or the build's. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"fabricsim " + (v == null ? "0.1.0" : v), "Java " + System.getProperty("java.version")};
        }
    }
}
