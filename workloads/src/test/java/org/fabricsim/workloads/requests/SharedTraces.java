package org.fabricsim.workloads.requests;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public traces in ../shared/traces (tests run in the module directory); tests skip when absent. */
final class SharedTraces {
    static final Path DIR = Path.of("..", "..", "shared", "traces").toAbsolutePath().normalize();
    static final String AZURE_CONV = "azure-llm-2023/AzureLLMInferenceTrace_conv.csv";
    static final String AZURE_CODE = "azure-llm-2023/AzureLLMInferenceTrace_code.csv";
    static final String MOONCAKE_CONV = "mooncake-fast25/conversation_trace.jsonl";
    static final String MOONCAKE_SYNTH = "mooncake-fast25/synthetic_trace.jsonl";
    static final String SHAREGPT = "sharegpt-sarathi/sharegpt_8k_filtered_stats_llama2_tokenizer.csv";

    private SharedTraces() {
    }

    /** The shared trace file, or the test is skipped. */
    static Path file(String relative) {
        Path p = DIR.resolve(relative);
        assumeTrue(Files.isRegularFile(p), "shared trace not present: " + p);
        return p;
    }
}
