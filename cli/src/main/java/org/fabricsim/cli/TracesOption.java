package org.fabricsim.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where trace files live when a scenario's trace path names no file: {@code --traces DIR}, else the
 * FABRICSIM_TRACES environment variable. A scenario's own path (relative to the scenario file) wins when it exists,
 * so shipped scenarios keep working beside {@code shared/} and anywhere else with the flag.
 */
final class TracesOption {
    static final String ENV = "FABRICSIM_TRACES";

    @Option(names = "--traces", paramLabel = "DIR",
            description = "folder holding trace files, for trace paths that name no file (default: $" + ENV + ")")
    Path dir;

    /** The folder from the flag, else from the environment, else null. */
    Path dir() {
        return dir != null ? dir.toAbsolutePath().normalize() : fromEnvironment();
    }

    static Path fromEnvironment() {
        String env = System.getenv(ENV);
        return env == null || env.isBlank() ? null : Path.of(env).toAbsolutePath().normalize();
    }
}
