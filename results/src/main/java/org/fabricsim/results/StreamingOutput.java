package org.fabricsim.results;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * A run's rows streamed into the output's partial directory as the run goes: each (replication, system) writes
 * its token and request rows to part files in a work folder there, and its distributions spill into the same
 * folder; {@link #finish} joins the parts, in (replication, system) order, into tokens.csv and requests.csv and
 * removes the folder, so the directory that is renamed into place holds what it held when written whole.
 */
public final class StreamingOutput {
    /** The work folder inside the partial directory; gone before the directory is renamed into place. */
    public static final String WORK = ".streaming";

    private final Path dir;
    private final Path work;

    /** Streams into {@code dir}, an empty partial directory. */
    public StreamingOutput(Path dir) throws IOException {
        this.dir = dir;
        this.work = Files.createDirectory(dir.resolve(WORK));
    }

    /**
     * The recorder of part {@code part}, the index of (replication, system) in that order; part 0 writes the
     * header lines.
     */
    public RunRecorder recorder(String system, int replication, int part, Slo slo) throws IOException {
        var tokens = CsvFiles.openRows(part(TOKENS, part), CsvFiles.TOKEN_COLUMNS, part == 0);
        var requests = CsvFiles.openRows(part(REQUESTS, part), CsvFiles.REQUEST_COLUMNS, part == 0);
        return new RunRecorder(system, replication, slo, tokens, requests, work);
    }

    private static final String TOKENS = "tokens";
    private static final String REQUESTS = "requests";

    private Path part(String file, int part) {
        return work.resolve(file + "-" + part + ".csv");
    }

    /** Joins the {@code parts} parts into tokens.csv and requests.csv and removes the work folder. */
    public void finish(int parts) throws IOException {
        for (String name : List.of(TOKENS, REQUESTS)) {
            Path target = dir.resolve(name + ".csv");
            Files.move(part(name, 0), target); // the first part holds the header: no copy for one part
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                for (int p = 1; p < parts; p++) {
                    try (FileChannel in = FileChannel.open(part(name, p), StandardOpenOption.READ)) {
                        long size = in.size();
                        for (long at = 0; at < size; ) {
                            at += in.transferTo(at, size - at, out);
                        }
                    }
                    Files.delete(part(name, p));
                }
            }
        }
        OutputDirectory.deleteTree(work);
    }
}
