package org.fabricsim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} and {@code sweep} against every {@code --out} that is not theirs to write: a foreign directory with a
 * file in it, a regular file, the scenario file itself, the folder holding the scenario, {@code ""} and {@code .}
 * (from a child JVM whose working directory is that folder, so a regression cannot reach the checkout), a symbolic
 * link, a path below a file, a path in a read-only directory, {@code /proc} and {@code /sys}. Each is refused with exit
 * 2 before simulating, in one line naming the path, no stack trace; no output, {@code .partial-*} or lock is left, and
 * every file that was there has the hash it had.
 */
class HostileOutFuzzTest {
    @TempDir
    Path tmp;

    @Test
    void runAndSweep_onEveryOutThatIsNotTheirs_exit2NamingThePath_andTouchNothing() throws Exception {
        Path home = Files.createDirectory(tmp.resolve("home"));
        Path scenario = home.resolve("s.yaml");
        Files.writeString(scenario, ScenarioLoaderTest.GOOD);
        Path sweep = home.resolve("sw.yaml");
        Files.writeString(sweep, "name: sw\nbase: s.yaml\naxes:\n  - path: workload.output_tokens\n    values: [2, 3]\n");
        Path foreign = Files.createDirectory(home.resolve("foreign"));
        Files.writeString(foreign.resolve("thesis.tex"), "my thesis");
        Files.writeString(home.resolve("notes.txt"), "notes");
        Files.createSymbolicLink(home.resolve("link"), foreign.getFileName());
        Path readOnly = Files.createDirectory(home.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root writes through permissions; /sys refuses new files even to root
        Path unwritable = Files.isWritable(readOnly) ? Path.of("/sys/fabricsim-fuzz/out") : readOnly.resolve("out");
        Map<String, String> before = hashes(home);
        try {
            List<String> failures = new ArrayList<>();
            for (String command : new String[] {"run", "sweep"}) {
                Path input = command.equals("run") ? scenario : sweep;
                List<String> targets = List.of(foreign.toString(), home.resolve("notes.txt").toString(), scenario.toString(),
                        sweep.toString(), home.toString(), home.resolve("link").toString(),
                        home.resolve("notes.txt/sub").toString(), foreign.resolve("..").toString(), "/", unwritable.toString(),
                        "/proc/fabricsim-fuzz", "/proc/x");
                for (String target : targets) {
                    var r = CliTestSupport.run(command, input.toString(), "--out", target, "-q");
                    String why = refusedCleanly(r, Path.of(target).toAbsolutePath().normalize().toString());
                    if (why != null) {
                        failures.add(command + " --out '" + target + "': " + why + "\n" + r.err());
                    }
                }
                for (String target : new String[] {"", "."}) {
                    var r = child(home, command, input.getFileName().toString(), "--out", target, "-q");
                    String why = refusedCleanly(r, home.toString());
                    if (why != null) {
                        failures.add(command + " --out '" + target + "' from " + home + ": " + why + "\n" + r.err());
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(before, hashes(home), "a file that was not fabricsim's changed, appeared or went");
        assertTrue(Files.notExists(Path.of("/sys/fabricsim-fuzz")) && Files.notExists(Path.of("/proc/x")));
    }

    /** Why a result is not a clean refusal naming the path, or null. */
    private static String refusedCleanly(CliTestSupport.Result r, String path) {
        String err = r.err().strip();
        if (r.exit() != Main.EXIT_BAD_INPUT) {
            return "exit " + r.exit();
        }
        if (err.contains("Exception") || err.contains("\tat ")) {
            return "a Java exception on stderr";
        }
        if (err.lines().count() != 1 || !err.startsWith("error: ")) {
            return "not one line";
        }
        return err.contains(path) ? null : "does not name " + path;
    }

    /** The command in a child JVM working in {@code dir}, so that {@code ""} and {@code .} mean that folder. */
    private static CliTestSupport.Result child(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new CliTestSupport.Result(-1, "", "did not finish");
        }
        String text = Files.readString(err);
        Files.delete(err);
        return new CliTestSupport.Result(p.exitValue(), "", text);
    }

    /** Every entry below dir (links not followed): a file's SHA-256, a directory or link marked as such. */
    private static Map<String, String> hashes(Path dir) throws IOException, NoSuchAlgorithmException {
        Map<String, String> m = new TreeMap<>();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) {
                    m.put(key, "link " + Files.readSymbolicLink(p));
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    m.put(key, "dir");
                } else {
                    m.put(key, HexFormat.of().formatHex(sha.digest(Files.readAllBytes(p))));
                }
            }
        }
        return m;
    }
}
