package org.fabricsim.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One writer per output directory. A run or sweep holds {@code .NAME.lock} beside its {@code --out} NAME (an
 * operating-system lock, {@link FileChannel#tryLock}, on a file that holds the writer's pid) from before it
 * simulates until its output is in place; a second writer is refused at once. The operating system drops the
 * lock when its process dies, so a killed run blocks nobody: the next writer takes the lock over, and the lock
 * file goes when its holder closes it (or {@link #clearStale} finds it unheld).
 *
 * <p>The lock file is never opened a second time while this JVM holds it (closing any descriptor of a file
 * drops every POSIX lock the process holds on it): locks held here are also kept in a set, and a path check
 * by {@code stat} (not {@code open}) makes sure the file locked is the one the path names.
 */
public final class OutputLock implements AutoCloseable {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();
    private static final int ATTEMPTS = 20;

    private final Path file;
    private final Path target;
    private final Path createdTop;
    private final FileChannel channel;
    private final FileLock lock;

    private final Object key;

    private OutputLock(Path file, Path target, Path createdTop, FileChannel channel, FileLock lock, Object key) {
        this.key = key;
        this.file = file;
        this.target = target;
        this.createdTop = createdTop;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of an output directory: {@code .NAME.lock} in its parent. */
    public static Path fileOf(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /** Thrown when another writer holds the lock: the message names the directory, the holder and the lock file. */
    public static final class HeldException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HeldException(Path target, Path file, String holder) {
            super("--out: " + target + " is being written by another fabricsim run (" + holder + ", lock " + file
                    + "); wait for it to finish or choose another directory, nothing was changed");
        }
    }

    /**
     * Takes the lock of {@code target}, creating its parent directories (removed again on {@link #close} if the
     * target was not written and they are empty).
     *
     * @throws HeldException if another process, or this one, holds it
     * @throws IOException   if the lock file cannot be made (a read-only directory, /proc, a file as parent)
     */
    public static OutputLock acquire(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new IllegalArgumentException("--out: " + abs + " is the filesystem root; name a directory of its own");
        }
        Path createdTop = createParents(abs.getParent());
        // keyed by the real path: two spellings of one directory (a symbolic link) are one lock
        Path file = abs.getParent().toRealPath().resolve("." + abs.getFileName() + ".lock");
        if (!HELD.add(file)) {
            throw new HeldException(abs, file, "pid " + ProcessHandle.current().pid() + ", this process");
        }
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    // a holder's, or one a killed run left
                }
                Object before = key(file);
                if (before == null) {
                    continue; // removed by its holder just now
                }
                checkOurs(abs, file);
                FileChannel ch;
                try {
                    ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue;
                }
                FileLock l;
                try {
                    l = ch.tryLock();
                } catch (java.nio.channels.OverlappingFileLockException e) {
                    ch.close();
                    throw new HeldException(abs, file, "pid " + ProcessHandle.current().pid() + ", this process");
                } catch (IOException | RuntimeException e) {
                    ch.close();
                    throw e;
                }
                if (l == null) {
                    ch.close();
                    throw new HeldException(abs, file, holder(file));
                }
                if (!before.equals(key(file))) {
                    // its holder removed it between our stat and our open: the file we locked is no longer the lock
                    l.release();
                    ch.close();
                    continue;
                }
                ch.truncate(0);
                ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
                ch.force(false);
                return new OutputLock(file, abs, createdTop, ch, l, before);
            }
            throw new IOException(file + ": the lock file keeps disappearing; is another program removing it?");
        } catch (IOException | RuntimeException | Error e) {
            HELD.remove(file);
            removeEmpty(createdTop, abs.getParent());
            throw e;
        }
    }

    /**
     * Removes the lock file of {@code target} if no process holds it (a killed run's): part of
     * {@link OutputDirectory#recover}. A lock held by this JVM or another process is left alone.
     */
    static void clearStale(Path target) throws IOException {
        Path file = fileOf(target);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                || HELD.contains(file.getParent().toRealPath().resolve(file.getFileName()))) {
            return;
        }
        try (OutputLock l = acquire(target)) {
            // taken and released: close removes the file
        } catch (IllegalArgumentException e) {
            // a live writer's (HeldException), or a file fabricsim did not write: left alone
        }
    }

    /** Removes the lock file, then drops the lock (in that order: nobody can take a lock on a removed path unnoticed). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid() && key.equals(key(file))) {
                Files.deleteIfExists(file);
            }
        } finally {
            try {
                lock.release();
            } catch (IOException e) {
                // closing the channel drops it as well
            }
            channel.close();
            HELD.remove(file);
            if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                removeEmpty(createdTop, target.getParent());
            }
        }
    }

    /**
     * Refuses a lock path that fabricsim did not make: anything but a regular file (a symbolic link is not followed)
     * holding nothing or a pid. A user's own {@code .NAME.lock} is neither overwritten nor removed.
     */
    private static void checkOurs(Path target, Path file) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return; // removed by its holder just now: the open or the key check will see it
        }
        boolean ours = a.isRegularFile() && a.size() <= 21;
        if (ours) {
            try {
                ours = Files.readString(file, StandardCharsets.US_ASCII).matches("\\d{0,19}\\n?");
            } catch (java.nio.charset.CharacterCodingException e) {
                ours = false;
            } catch (NoSuchFileException e) {
                return; // removed by its holder just now: the open or the key check will see it
            }
        }
        if (!ours) {
            throw new IllegalArgumentException("--out: " + target + ": " + file + " is in the way and was not written by"
                    + " fabricsim (its lock file holds only a pid); move it or choose another directory, nothing was changed");
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return pid.matches("\\d{1,19}") ? "pid " + pid : "a process whose pid is not yet written";
        } catch (IOException e) {
            return "a process that just finished";
        }
    }

    /** The file's identity (device and inode) by stat, or null if it does not exist. */
    private static Object key(Path file) throws IOException {
        try {
            Object k = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return k != null ? k : Boolean.TRUE; // a filesystem without file keys: existence is all we can compare
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Creates {@code dir} and its missing parents; returns the topmost directory created, or null if it existed. */
    private static Path createParents(Path dir) throws IOException {
        Path top = null;
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            top = p;
        }
        Files.createDirectories(dir);
        return top;
    }

    /** Removes {@code dir} and its parents up to {@code top} while they are empty. */
    private static void removeEmpty(Path top, Path dir) {
        if (top == null) {
            return;
        }
        for (Path p = dir; p != null && p.startsWith(top); p = p.getParent()) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                return; // not empty, or not ours to remove any more
            }
        }
    }
}
