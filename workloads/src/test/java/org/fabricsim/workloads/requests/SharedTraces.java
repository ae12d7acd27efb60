package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trace files for tests. {@link #sample} gives the first few hundred rows of each public trace, cut byte for byte
 * and shipped in test resources, so format and replay tests run in any checkout. {@link #file} gives the whole
 * trace for tests that check FORMAT.md's statistics; it looks in FABRICSIM_TRACES, else ../shared/traces beside
 * the checkout, and skips when neither holds the file.
 */
final class SharedTraces {
    static final Path DIR = fullTraceDir();
    static final String AZURE_CONV = "azure-llm-2023/AzureLLMInferenceTrace_conv.csv";
    static final String AZURE_CODE = "azure-llm-2023/AzureLLMInferenceTrace_code.csv";
    static final String MOONCAKE_CONV = "mooncake-fast25/conversation_trace.jsonl";
    static final String MOONCAKE_SYNTH = "mooncake-fast25/synthetic_trace.jsonl";
    static final String SHAREGPT = "sharegpt-sarathi/sharegpt_8k_filtered_stats_llama2_tokenizer.csv";

    private SharedTraces() {
    }

    private static Path fullTraceDir() {
        String env = System.getenv("FABRICSIM_TRACES");
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        // tests run in the module directory, two levels below the folder that holds shared/
        return Path.of("..", "..", "shared", "traces").toAbsolutePath().normalize();
    }

    /** The whole public trace, or the test is skipped. */
    static Path file(String relative) {
        Path p = DIR.resolve(relative);
        assumeTrue(Files.isRegularFile(p), "full trace not present (set FABRICSIM_TRACES): " + p);
        return p;
    }

    /** The shipped sample of a trace: its first rows, in the file's own format. */
    static Path sample(String relative) {
        URL u = SharedTraces.class.getResource("/traces/" + relative);
        if (u == null) {
            throw new IllegalStateException("test resource missing: traces/" + relative);
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
