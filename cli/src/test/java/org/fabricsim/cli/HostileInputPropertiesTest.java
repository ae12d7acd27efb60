package org.fabricsim.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.fabricsim.core.random.RandomStreams;
import org.fabricsim.workloads.requests.WorkloadConfig;

/**
 * Generated garbage for the scenario loader and every trace reader: each input is either accepted
 * or refused with a ScenarioException (exit 2, a message) — never another exception, a hang or an
 * out-of-memory. Mutations start from valid files so that they reach deep into binding and validation.
 */
class HostileInputPropertiesTest {

    private static final String VALID = ScenarioLoaderTest.GOOD;

    /** One edit of a text: delete, insert, replace a span, or swap in an extreme token. */
    record Edit(int kind, double at, double length, String text) {
        String apply(String s) {
            int i = (int) (at * s.length());
            int j = Math.min(s.length(), i + (int) (length * 12));
            return switch (kind) {
                case 0 -> s.substring(0, i) + s.substring(j);
                case 1 -> s.substring(0, i) + text + s.substring(i);
                default -> s.substring(0, i) + text + s.substring(j);
            };
        }
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> tokens = Arbitraries.oneOf(
                Arbitraries.of("-1", "0", "NaN", "-Infinity", "1e308", "1e999", "9223372036854775808", "1e12", "[]", "{}",
                        ":", "- ", "\n  ", "\t", "kind: gpu", "kind: wafer", "!!binary", "&a *a", "\"", "'", "~", "null",
                        "2us", "400Gbps", "3.3.3GB", "10^15", "model: kimi-k2.6", "batch_limit: 1000000000",
                        "requests: 1000000000", "memory_bytes: 1000000000000000"),
                Arbitraries.strings().ofMaxLength(12));
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1), tokens).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    private static Path write(String text) throws IOException {
        Path f = Files.createTempFile("hostile", ".yaml");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Property(tries = 300)
    void mutatedScenario_isAcceptedOrRefusedCleanly(@ForAll("edits") List<Edit> edits) throws IOException {
        String text = VALID;
        for (Edit e : edits) {
            text = e.apply(text);
        }
        Path f = write(text);
        try {
            Scenario s = ScenarioLoader.load(f);
            new ScenarioRunner().checkDeployments(s, s.seed());
        } catch (ScenarioException expected) {
            // refused with a message: fine
            if (expected.getMessage() == null || expected.getMessage().isBlank()) {
                throw new AssertionError("empty message for:\n" + text);
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Property(tries = 100)
    void randomBytes_areRefusedCleanly(@ForAll byte[] bytes) throws IOException {
        Path f = Files.createTempFile("hostile", ".yaml");
        Files.write(f, bytes);
        try {
            ScenarioLoader.load(f);
        } catch (ScenarioException expected) {
            // fine
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Provide
    Arbitrary<List<String>> traceLines() {
        Arbitrary<String> field = Arbitraries.oneOf(Arbitraries.of("", "0", "-5", "1e9", "NaN", "abc", "12", "\"x\"",
                "2023-11-16 18:15:46.6805900", "2023-13-45 99:99:99.9", "{", "}", "[1,2]", "null", "999999999999999999999"),
                Arbitraries.strings().ofMaxLength(8));
        return Combinators.combine(field, field, field).as((a, b, c) -> a + "," + b + "," + c).list().ofMinSize(1)
                .ofMaxSize(6);
    }

    @Property(tries = 150)
    void garbageTraceLines_stopWithFileAndLine_orAreRead(@ForAll("traceLines") List<String> lines) throws IOException {
        String[][] formats = {
            {"azure", "TIMESTAMP,ContextTokens,GeneratedTokens", ".csv"},
            {"sharegpt", "num_prefill_tokens,num_decode_tokens,num_total_tokens,pd_ratio", ".csv"},
            {"mooncake", null, ".jsonl"}};
        for (String[] fmt : formats) {
            StringBuilder sb = new StringBuilder();
            if (fmt[1] != null) {
                sb.append(fmt[1]).append('\n');
            }
            for (String l : lines) {
                sb.append(fmt[0].equals("mooncake") ? "{\"timestamp\": " + l.replace(",", ", \"input_length\": ") + "}" : l)
                        .append('\n');
            }
            Path f = Files.createTempFile("trace", fmt[2]);
            Files.writeString(f, sb.toString());
            String source = fmt[0].equals("sharegpt") ? "poisson" : "trace";
            String yaml = "source: " + source + "\n" + (source.equals("poisson") ? "rate_per_s: 1\nrequests: 5\n" : "")
                    + "trace: {path: '" + f + "', format: " + fmt[0] + "}\n";
            try {
                WorkloadConfig w = ScenarioLoader.mapper(true).readValue(yaml, WorkloadConfig.class);
                w.load(new RandomStreams(1));
            } catch (IllegalArgumentException expected) {
                if (!expected.getMessage().contains(f.getFileName().toString()) && !expected.getMessage().contains("trace")) {
                    throw new AssertionError("error does not name the file: " + expected.getMessage());
                }
            } catch (com.fasterxml.jackson.databind.JsonMappingException expected) {
                // a binding error the cli reports with exit 2
            } finally {
                Files.deleteIfExists(f);
            }
        }
    }
}
