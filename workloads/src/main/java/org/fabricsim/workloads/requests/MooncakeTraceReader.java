package org.fabricsim.workloads.requests;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Mooncake FAST'25 traces (Qin et al., FAST 2025): JSON Lines, one object per request with
 * timestamp (ms from trace start), input_length, output_length and hash_ids (prefix-cache blocks of
 * 512 tokens, not used here). Extra fields are ignored.
 */
public final class MooncakeTraceReader extends TraceReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    @Override
    public boolean hasTimestamps() {
        return true;
    }

    @Override
    boolean hasHeader() {
        return false;
    }

    @Override
    void line(String line, TraceRows out) throws BadLine {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new BadLine("not a JSON object: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new BadLine("not a JSON object");
        }
        long timestampMs = whole(n, "timestamp");
        int input = checkTokens("input_length", whole(n, "input_length"));
        int output = checkTokens("output_length", whole(n, "output_length"));
        if (timestampMs < 0) {
            throw new BadLine("timestamp: must be >= 0 ms, got " + timestampMs);
        }
        addRow(out, timestampMs / 1000.0, "input_length", input, output);
    }

    private static long whole(JsonNode n, String field) throws BadLine {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new BadLine(field + ": missing");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new BadLine(field + ": '" + abbreviate(v.toString()) + "' is not a whole number");
        }
        return v.asLong();
    }
}
