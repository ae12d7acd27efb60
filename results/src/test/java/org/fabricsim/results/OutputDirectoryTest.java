package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {
    @TempDir
    Path tmp;

    private static long siblings(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void write_replacesPreviousWhole() throws IOException {
        Path out = tmp.resolve("run");
        OutputDirectory.write(out, d -> Files.writeString(d.resolve("a.csv"), "old"));
        OutputDirectory.write(out, d -> Files.writeString(d.resolve("b.csv"), "new"));
        assertFalse(Files.exists(out.resolve("a.csv")));
        assertEquals("new", Files.readString(out.resolve("b.csv")));
        assertEquals(1, siblings(tmp));
    }

    @Test
    void failedWrite_leavesPreviousIntactAndNoPartialDirectory() throws IOException {
        Path out = tmp.resolve("run");
        OutputDirectory.write(out, d -> Files.writeString(d.resolve("a.csv"), "complete"));
        assertThrows(IOException.class, () -> OutputDirectory.write(out, d -> {
            Files.writeString(d.resolve("a.csv"), "half");
            throw new IOException("disk full");
        }));
        assertEquals("complete", Files.readString(out.resolve("a.csv")));
        assertEquals(1, siblings(tmp));
    }

    @Test
    void symbolicLinkToADirectoryItWrote_isRefusedByName_andTheDirectoryKept() throws IOException {
        Path out = tmp.resolve("run");
        OutputDirectory.write(out, d -> Files.writeString(d.resolve("a.csv"), "mine"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputDirectory.checkReplaceable(link));
        assertTrue(e.getMessage().contains("is a symbolic link") && e.getMessage().contains(link.toString()),
                e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("a.csv")));
    }

    @Test
    void failedFirstWrite_leavesNothing() throws IOException {
        Path out = tmp.resolve("run");
        assertThrows(IllegalStateException.class, () -> OutputDirectory.write(out, d -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, siblings(tmp));
    }

    @Test
    void recover_restoresACompleteDirectoryMovedAsideByADeadRun() throws IOException {
        Path out = tmp.resolve("run");
        // a run killed between its two renames leaves the old output aside under a dead pid
        Path aside = tmp.resolve(".run.previous-999999999");
        Files.createDirectories(aside);
        Files.writeString(aside.resolve("a.csv"), "complete");
        Path partial = tmp.resolve(".run.partial-999999998");
        Files.createDirectories(partial);
        OutputDirectory.recover(out);
        assertEquals("complete", Files.readString(out.resolve("a.csv")));
        assertEquals(1, siblings(tmp));
    }
}
