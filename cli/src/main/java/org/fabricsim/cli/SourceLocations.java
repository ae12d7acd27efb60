package org.fabricsim.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where each key and list entry of a YAML or JSON file starts (line and column, from Jackson's streaming parser),
 * by its path as refusals name it ({@code systems[1].tensor_parallel}). A check made after binding (a placement, a
 * model, a request against the KV cache) knows the path of what it refuses but not the line; this gives it the line.
 */
final class SourceLocations {
    private static final JsonFactory YAML = new YAMLFactory();
    private static final JsonFactory JSON = new JsonFactory();
    /** One step of a path as a refusal starts it: a key with indices. */
    private static final Pattern STEP = Pattern.compile("[a-z_][a-z0-9_]*(?:\\[\\d+])*");
    /** A system's name after its index, {@code systems[1] (b)}: not part of the path (and it may hold dots). */
    private static final Pattern NAME = Pattern.compile(" \\([^)]*\\)");

    private final Map<String, JsonLocation> starts;

    private SourceLocations(Map<String, JsonLocation> starts) {
        this.starts = starts;
    }

    /** The locations in a file's text; what precedes a syntax error when the text does not parse. */
    static SourceLocations of(byte[] text, boolean yaml) {
        Map<String, JsonLocation> starts = new HashMap<>();
        try (JsonParser p = (yaml ? YAML : JSON).createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                JsonStreamContext ctx = p.getParsingContext();
                if (t == JsonToken.FIELD_NAME) {
                    starts.putIfAbsent(path(ctx), p.currentTokenLocation());
                } else if (t != JsonToken.END_OBJECT && t != JsonToken.END_ARRAY) {
                    // a list entry: a value whose context (or, for a container it opens, the parent's) is an array
                    JsonStreamContext holder = t.isStructStart() ? ctx.getParent() : ctx;
                    if (holder != null && holder.inArray()) {
                        starts.putIfAbsent(path(holder), p.currentTokenLocation());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // a file that does not parse is refused by the loader, which names where; keep what was read
        }
        return new SourceLocations(starts);
    }

    /** The locations in a file, or none when it cannot be read. */
    static SourceLocations of(Path file) {
        try {
            byte[] bytes = ScenarioLoader.readBounded(file, file.toString(), "a scenario file");
            return of(bytes, !file.toString().toLowerCase(Locale.ROOT).endsWith(".json"));
        } catch (IOException | ScenarioException e) {
            return new SourceLocations(Map.of());
        }
    }

    /**
     * {@code :LINE:COLUMN} of the deepest key or entry on {@code path} that the file has ({@code systems[1]} for
     * {@code systems[1].tensor_parallel} left to its default), or "" when it has none.
     */
    String at(String path) {
        String p = path;
        while (!p.isEmpty()) {
            JsonLocation loc = starts.get(p);
            if (loc != null && loc.getLineNr() > 0) {
                return ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return "";
    }

    /**
     * The field path a refusal's message starts with: {@code systems[1].tensor_parallel} for
     * {@code "systems[1] (b): tensor_parallel: must divide ..."}, the steps before each {@code ": "} that look like
     * keys, a system's {@code (name)} dropped.
     */
    static String leadingPath(String message) {
        StringBuilder path = new StringBuilder();
        int from = 0;
        while (true) {
            int colon = message.indexOf(": ", from);
            if (colon < 0) {
                break;
            }
            String head = NAME.matcher(message.substring(from, colon)).replaceAll("");
            for (String part : head.split("\\.", -1)) {
                if (!STEP.matcher(part).matches()) {
                    return path.toString();
                }
            }
            path.append(path.length() == 0 ? "" : ".").append(head);
            from = colon + 2;
        }
        return path.toString();
    }

    /**
     * A refusal of something read from {@code file}, found after binding: its message led by the file and the line
     * and column of the field the message names ({@code s.yaml:12:5: systems[1] (b): tensor_parallel: ...}).
     */
    static ScenarioException refusal(Path file, ScenarioException e) {
        return new ScenarioException(file + of(file).at(leadingPath(e.getMessage())) + ": " + e.getMessage(), e);
    }

    /** A context's path: keys joined by dots, list indices in brackets. */
    private static String path(JsonStreamContext ctx) {
        StringBuilder b = new StringBuilder();
        build(ctx, b);
        return b.toString();
    }

    private static void build(JsonStreamContext ctx, StringBuilder b) {
        if (ctx == null || ctx.inRoot()) {
            return;
        }
        build(ctx.getParent(), b);
        if (ctx.inArray()) {
            b.append('[').append(Math.max(0, ctx.getCurrentIndex())).append(']');
        } else if (ctx.getCurrentName() != null) {
            b.append(b.length() == 0 ? "" : ".").append(ctx.getCurrentName());
        }
    }
}
