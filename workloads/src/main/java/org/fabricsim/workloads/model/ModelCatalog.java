package org.fabricsim.workloads.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The named models of /work/shared/reference/models.md, each a Hugging Face style config.json in the jar
 * ({@link #RESOURCES}, read by {@link HuggingFaceConfig} as a scenario's {@code model: {config: ...}} is; each file's
 * {@code _source} key cites it), looked up by name. Stateless: every call builds a fresh, immutable spec.
 */
public final class ModelCatalog {

    /** Folder of the catalog's config.json files on the class path. */
    public static final String RESOURCES = "org/fabricsim/workloads/model/catalog/";

    /** Catalog names in catalog order; each is the file {@code RESOURCES + name + ".json"}. */
    private static final List<String> NAMES = List.of("kimi-k2.6", "kimi-k2", "deepseek-v3", "deepseek-r1-nvfp4",
            "llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "llama-3.1-405b-fp8", "llama-2-70b", "gpt-oss-120b");

    private static final Map<String, Supplier<TransformerConfig>> CONFIGS = configs();

    private ModelCatalog() {
    }

    private static Map<String, Supplier<TransformerConfig>> configs() {
        Map<String, Supplier<TransformerConfig>> m = new LinkedHashMap<>();
        for (String name : NAMES) {
            String text = resource(RESOURCES + name + ".json");
            // parsed once, on first use: a TransformerConfig is immutable, and validation asks for it per file
            TransformerConfig[] parsed = new TransformerConfig[1];
            m.put(name, () -> {
                synchronized (parsed) {
                    if (parsed[0] == null) {
                        parsed[0] = HuggingFaceConfig.parse(text, name, RESOURCES + name + ".json");
                    }
                    return parsed[0];
                }
            });
        }
        return Collections.unmodifiableMap(m);
    }

    private static String resource(String path) {
        try (InputStream in = ModelCatalog.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + ": catalog model not found on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read", e);
        }
    }

    /** Catalog names, in catalog order. */
    public static List<String> names() {
        return List.copyOf(CONFIGS.keySet());
    }

    /** The model called {@code name} (case-insensitive); IllegalArgumentException listing the known names otherwise. */
    public static ModelSpec get(String name) {
        return config(name).build();
    }

    /** The configuration of the model called {@code name}, to derive variants (other precision, context). */
    public static TransformerConfig config(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Supplier<TransformerConfig> config = CONFIGS.get(key);
        if (config == null) {
            throw new IllegalArgumentException("name: unknown model '" + name + "'" + didYouMean(key)
                    + "; known models: " + String.join(", ", CONFIGS.keySet()));
        }
        return config.get();
    }

    private static String didYouMean(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : CONFIGS.keySet()) {
            int d = editDistance(key, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? "; did you mean '" + best + "'?" : "";
    }

    /** Levenshtein distance (insertions, deletions, substitutions). */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** All catalog models, built, in catalog order. */
    public static List<ModelSpec> all() {
        List<ModelSpec> specs = new ArrayList<>();
        for (Supplier<TransformerConfig> config : CONFIGS.values()) {
            specs.add(config.get().build());
        }
        return List.copyOf(specs);
    }
}
