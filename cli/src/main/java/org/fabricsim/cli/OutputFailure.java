package org.fabricsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * A file could not be written or read (a read-only directory, a full disk, /proc): exit 1 with one line naming the
 * path and the cause, no stack trace. {@link #describe} turns any IO exception into that line.
 */
final class OutputFailure extends IOException {
    private static final long serialVersionUID = 1L;

    /** {@code what} (e.g. "--out DIR") could not be written, because of {@code cause}. */
    OutputFailure(String what, Throwable cause) {
        super(what + ": cannot write: " + describe(cause), cause);
    }

    /** "PATH: cause" for a filesystem exception, its message otherwise; one line. */
    static String describe(Throwable e) {
        if (e instanceof OutputFailure) {
            return e.getMessage();
        }
        if (e instanceof UncheckedIOException u && u.getCause() != null) {
            return describe(u.getCause());
        }
        if (e instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        String text;
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() != null ? f.getReason()
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    : e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileAlreadyExistsException ? "exists and is not a directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e instanceof DirectoryNotEmptyException ? "directory not empty"
                    : e.getClass().getSimpleName();
            text = (f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile())
                    + ": ") + reason;
        } else {
            text = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        return text.replaceAll("\\s*\\R\\s*", " ");
    }

    /** Bad input found before simulating: {@code dir} cannot be used as an output directory. */
    static ScenarioException unusable(Path dir, IOException e) {
        return new ScenarioException("--out: cannot write " + dir.toAbsolutePath().normalize() + ": " + describe(e), e);
    }
}
