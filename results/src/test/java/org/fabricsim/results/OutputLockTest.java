package org.fabricsim.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLockTest {
    @TempDir
    Path tmp;

    @Test
    void heldLock_refusesASecondWriter_namingThePathAndThePid_untilClosed() throws Exception {
        Path out = tmp.resolve("run");
        try (OutputLock first = OutputLock.acquire(out)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(OutputLock.fileOf(out)));
            var e = assertThrows(OutputLock.HeldException.class, () -> OutputLock.acquire(out));
            assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("pid "), e.getMessage());
            // recover leaves a held lock alone
            OutputDirectory.recover(out);
            assertTrue(Files.exists(OutputLock.fileOf(out)));
        }
        assertFalse(Files.exists(OutputLock.fileOf(out)));
        try (OutputLock again = OutputLock.acquire(out)) {
            assertTrue(Files.exists(OutputLock.fileOf(out)));
        }
    }

    @Test
    void twoSpellingsOfOneDirectory_areOneLock() throws Exception {
        Path real = Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        try (OutputLock first = OutputLock.acquire(real.resolve("run"))) {
            assertThrows(OutputLock.HeldException.class, () -> OutputLock.acquire(link.resolve("run")));
            assertTrue(first != null && Files.exists(OutputLock.fileOf(real.resolve("run"))));
        }
        assertFalse(Files.exists(OutputLock.fileOf(real.resolve("run"))));
    }

    @Test
    void staleLockFile_isTakenOver_andRecoverRemovesIt() throws Exception {
        Path out = tmp.resolve("run");
        Files.writeString(OutputLock.fileOf(out), "999999999\n"); // a killed run's: no process holds a lock on it
        try (OutputLock l = OutputLock.acquire(out)) {
            assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(OutputLock.fileOf(out)));
        }
        Files.writeString(OutputLock.fileOf(out), "999999999\n");
        OutputDirectory.recover(out);
        assertFalse(Files.exists(OutputLock.fileOf(out)));
    }

    @Test
    void aUsersOwnFileOrLinkAtTheLockPath_isRefused_andLeftAsItWas() throws Exception {
        Path out = tmp.resolve("run");
        Files.writeString(OutputLock.fileOf(out), "my notes\n");
        var e = assertThrows(IllegalArgumentException.class, () -> OutputLock.acquire(out));
        assertTrue(e.getMessage().contains(OutputLock.fileOf(out).toString()), e.getMessage());
        OutputDirectory.recover(out);
        assertEquals("my notes\n", Files.readString(OutputLock.fileOf(out)));

        Path mine = tmp.resolve("mine.txt");
        Files.writeString(mine, "12\n"); // looks like a pid, but reached through a link
        Path other = tmp.resolve("other");
        Files.createSymbolicLink(OutputLock.fileOf(other), mine);
        assertThrows(IllegalArgumentException.class, () -> OutputLock.acquire(other));
        assertEquals("12\n", Files.readString(mine));
        assertTrue(Files.isSymbolicLink(OutputLock.fileOf(other)));
    }

    @Test
    void acquire_createsMissingParents_andCloseRemovesThemIfNothingWasWritten() throws Exception {
        Path out = tmp.resolve("a").resolve("b").resolve("run");
        try (OutputLock l = OutputLock.acquire(out)) {
            assertTrue(Files.isDirectory(out.getParent()));
        }
        assertFalse(Files.exists(tmp.resolve("a")));
    }

    @Test
    void recover_leavesAnotherTargetsLeftoversAlone() throws Exception {
        // ".run.x.previous-N" belongs to target "run.x", not "run": it must not be deleted as a leftover of "run"
        Path other = tmp.resolve(".run.x.previous-999999999");
        Files.createDirectories(other);
        Files.writeString(other.resolve("a.csv"), "complete");
        OutputDirectory.recover(tmp.resolve("run"));
        assertEquals("complete", Files.readString(other.resolve("a.csv")));
    }
}
