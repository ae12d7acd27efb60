package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every command's --help renders: exit 0, a usage line, and no picocli format warning (a stray '%'). */
class HelpTextTest {

    @Test
    void everySubcommandHelp_rendersWithoutFormatWarnings() {
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            PrintStream saved = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            CliTestSupport.Result r;
            try {
                System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
                r = CliTestSupport.run(name, "--help");
            } finally {
                System.setErr(saved);
            }
            assertEquals(0, r.exit(), name);
            assertTrue(r.out().contains("Usage: fabricsim " + name), name + ": " + r.out());
            String all = warnings.toString(StandardCharsets.UTF_8) + r.err();
            assertFalse(all.contains("WARN"), name + " --help warned: " + all);
        }
    }
}
