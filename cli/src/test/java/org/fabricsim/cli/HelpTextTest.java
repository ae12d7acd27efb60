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

    @Test
    void commandList_showsEachSummaryWhole_andEveryCommandPrintsItsVersion() {
        String help = CliTestSupport.run("--help").out();
        String list = help.substring(help.indexOf("Commands:"));
        // each entry ends its last sentence before the next command starts
        for (String name : Main.commandLine().getSubcommands().keySet()) {
            int at = list.indexOf("\n  " + name + " ");
            assertTrue(at >= 0, name + " listed: " + list);
            int next = list.indexOf("\n  ", at + 1);
            while (next >= 0 && list.startsWith("\n   ", next)) {
                next = list.indexOf("\n  ", next + 1);
            }
            String entry = list.substring(at, next < 0 ? list.length() : next).strip();
            assertTrue(entry.endsWith("."), "summary cut mid-sentence: " + entry);
        }
        for (String name : new String[] {"run", "sweep", "validate", "noc"}) {
            var r = CliTestSupport.run(name, "-V");
            assertEquals(0, r.exit(), name);
            assertTrue(r.out().startsWith("fabricsim "), name + " -V printed: '" + r.out() + "'");
        }
    }
}
