package org.fabricsim.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The files of one point's run directory (name to bytes), shipped from an executor to the driver. */
record PointFiles(int index, TreeMap<String, byte[]> files) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Reads every regular file directly in {@code dir}. */
    static PointFiles read(int index, Path dir) throws IOException {
        TreeMap<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(Files::isRegularFile).toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return new PointFiles(index, files);
    }

    /** Writes the files into {@code dir}. */
    void writeInto(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
