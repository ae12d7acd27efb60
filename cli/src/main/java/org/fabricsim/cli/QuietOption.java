package org.fabricsim.cli;

import picocli.CommandLine.Option;

/** The {@code -q/--quiet} option every long-running command shares (a picocli mixin). */
final class QuietOption {
    @Option(names = {"-q", "--quiet"}, description = "print nothing but errors (warnings that change results still print)")
    boolean quiet;
}
