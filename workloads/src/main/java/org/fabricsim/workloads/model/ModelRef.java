package org.fabricsim.workloads.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model a system serves: a catalog name ({@code model: llama-3.1-8b}) or a Hugging Face style config.json
 * ({@code model: {config: models/qwen3-30b-a3b/config.json}}), so that a new open model needs no Java. A config
 * path is relative to the scenario file until {@link #resolvedAgainst} makes it absolute.
 *
 * @param name   the catalog name; with a config, the label in outputs (default: the config's folder, or its file
 *               name without extension when it is not called config.json)
 * @param config path of the config.json, or null for a catalog model
 */
public record ModelRef(String name, String config) {
    /** config.json files larger than this are refused before reading (a config is a few kilobytes). */
    static final long MAX_CONFIG_BYTES = 1 << 20;

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public ModelRef {
        if (config == null && (name == null || name.isBlank())) {
            throw new IllegalArgumentException("model: a catalog name (fabricsim models) or {config: path/to/config.json}");
        }
        if (config != null && config.isBlank()) {
            throw new IllegalArgumentException("config: must name a config.json file");
        }
        if (config != null && name == null) {
            Path p = Path.of(config);
            String file = p.getFileName().toString();
            name = file.equals("config.json") && p.getParent() != null ? p.getParent().getFileName().toString()
                    : file.replaceFirst("\\.json$", "");
        }
        if (config != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("name: letters, digits, '.', '_' and '-' only (it labels outputs), got '"
                    + name + "'");
        }
    }

    /** The catalog model of this name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ModelRef named(String name) {
        return new ModelRef(name, null);
    }

    /** A catalog model is written as its name, a config model as {name, config}. */
    @JsonValue
    Object json() {
        if (config == null) {
            return name;
        }
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("config", config);
        return m;
    }

    /** The model's shapes and precisions; IllegalArgumentException naming the file, key and value where it cannot. */
    public ModelSpec spec() {
        return transformer().build();
    }

    /** The model's configuration, to derive variants. */
    public TransformerConfig transformer() {
        if (config == null) {
            return ModelCatalog.config(name);
        }
        Path p = Path.of(config);
        try {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException("config: " + config + (Files.exists(p)
                        ? ": not a regular file" : ": no such file"));
            }
            if (Files.size(p) > MAX_CONFIG_BYTES) {
                throw new IllegalArgumentException("config: " + config + ": larger than a config.json may be ("
                        + MAX_CONFIG_BYTES + " bytes)");
            }
            return HuggingFaceConfig.parse(Files.readString(p), name, config);
        } catch (IOException e) {
            throw new IllegalArgumentException("config: " + config + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** This reference with a relative config path resolved against {@code baseDir} (the scenario file's directory). */
    public ModelRef resolvedAgainst(Path baseDir) {
        if (config == null || baseDir == null || Path.of(config).isAbsolute()) {
            return this;
        }
        return new ModelRef(name, baseDir.resolve(config).normalize().toString());
    }

    /** This reference with its config path relative to {@code dir}, forward slashes, as a recorded scenario keeps it. */
    public ModelRef relativeTo(Path dir) {
        if (config == null || dir == null || !Path.of(config).isAbsolute()) {
            return this;
        }
        String rel = dir.toAbsolutePath().normalize().relativize(Path.of(config).normalize()).toString().replace('\\', '/');
        return new ModelRef(name, rel);
    }

    /** The name, as messages and output labels print it. */
    @Override
    public String toString() {
        return name;
    }
}
