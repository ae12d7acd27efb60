package org.fabricsim.cli;

import java.nio.file.Path;
import org.fabricsim.results.OutputLock;

/**
 * A child process for tests: takes the output lock of args[0] as a run does, prints "locked", and holds it until its
 * standard input closes (or it is killed).
 */
public final class LockHolder {
    private LockHolder() {
    }

    public static void main(String[] args) throws Exception {
        try (OutputLock lock = OutputLock.acquire(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the parent closes our stdin
            }
        }
    }
}
