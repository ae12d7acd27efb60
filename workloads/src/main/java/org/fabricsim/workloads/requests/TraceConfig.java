package org.fabricsim.workloads.requests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenario's {@code workload.trace:} block: which trace file to read and how.
 *
 * @param path          the file; relative paths are resolved against the scenario file's directory
 * @param format        azure | mooncake | sharegpt | burstgpt
 * @param skipBadLines  skip (and count) corrupt lines instead of stopping; default false
 * @param bucketS       mooncake only: requests sharing a timestamp are spread uniformly at random over
 *                      [t, min(t + bucket_s, next timestamp)); 0 replays them as bursts; default 3 s
 *                      (the conversation trace's bucket width, per its FORMAT.md)
 */
public record TraceConfig(String path, String format, Boolean skipBadLines, Double bucketS) {
    public static final List<String> FORMATS = List.of("azure", "mooncake", "sharegpt", "burstgpt");
    /** Mooncake conversation_trace buckets: 1,180 distinct timestamps spaced 2,997-3,003 ms apart. */
    public static final double MOONCAKE_BUCKET_S = 3.0;

    public TraceConfig {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("trace.path: a trace file is required");
        }
        if (format == null || !FORMATS.contains(format)) {
            throw new IllegalArgumentException("trace.format: must be one of " + FORMATS + ", got "
                    + (format == null ? "nothing" : "'" + format + "'"));
        }
        skipBadLines = skipBadLines != null && skipBadLines;
        if (format.equals("mooncake")) {
            bucketS = bucketS == null ? MOONCAKE_BUCKET_S : bucketS;
            if (!(bucketS >= 0 && bucketS <= 1e6)) {
                throw new IllegalArgumentException("trace.bucket_s: must be within 0 .. 1e6 s, got " + bucketS);
            }
        } else if (bucketS != null) {
            throw new IllegalArgumentException("trace.bucket_s: only the mooncake format has timestamp buckets, not "
                    + format);
        }
    }

    /** This trace with a relative path resolved against {@code baseDir} (the scenario file's directory). */
    public TraceConfig resolvedAgainst(Path baseDir) {
        Path p = Path.of(path);
        return p.isAbsolute() || baseDir == null ? this
                : new TraceConfig(baseDir.resolve(p).normalize().toString(), format, skipBadLines, bucketS);
    }

    /**
     * This trace found under {@code tracesDir} when its own path names no file: the longest tail of the path
     * that names a file there, so {@code ../../shared/traces/azure-llm-2023/x.csv} is found as
     * {@code azure-llm-2023/x.csv} under a traces folder kept anywhere. A path that exists is kept as written.
     */
    public TraceConfig locatedIn(Path tracesDir) {
        Path p = Path.of(path);
        if (tracesDir == null || Files.isRegularFile(p)) {
            return this;
        }
        for (int i = 0; i < p.getNameCount(); i++) {
            Path candidate = tracesDir.resolve(p.subpath(i, p.getNameCount())).normalize();
            if (Files.isRegularFile(candidate)) {
                return new TraceConfig(candidate.toString(), format, skipBadLines, bucketS);
            }
        }
        return this;
    }

    /**
     * This trace with its path relative to {@code dir} (the scenario file's directory), with forward slashes,
     * so a recorded scenario does not change when the checkout moves. A relative path is kept.
     */
    public TraceConfig relativeTo(Path dir) {
        Path p = Path.of(path);
        if (dir == null || !p.isAbsolute()) {
            return this;
        }
        String rel = dir.toAbsolutePath().normalize().relativize(p.normalize()).toString().replace('\\', '/');
        return new TraceConfig(rel, format, skipBadLines, bucketS);
    }

    public TraceReader reader() {
        return TraceReader.forFormat(format);
    }
}
