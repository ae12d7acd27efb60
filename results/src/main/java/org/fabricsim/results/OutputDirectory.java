package org.fabricsim.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes a run's output directory appear whole or not at all: files are written into a hidden
 * sibling, which then replaces the target by rename. An earlier complete directory is moved aside
 * first and deleted only once the new one is in place; if a crash strikes between the two renames,
 * the next write (or {@link #recover}) moves it back.
 *
 * <p>fabricsim replaces only what it wrote: every directory it writes holds a {@link #MARKER} file listing
 * the files it wrote there, a target that exists and is neither such a directory nor an empty one is
 * refused, and files in a replaced directory that the marker does not list (figures a user or
 * {@code plot} added) move into the new directory.
 */
public final class OutputDirectory {
    /** The file that marks a directory as fabricsim's, listing the files fabricsim wrote into it. */
    public static final String MARKER = ".fabricsim-output";

    /** Writes the directory's contents into a fresh folder. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private OutputDirectory() {
    }

    /**
     * Refuses a target that fabricsim may not replace: the filesystem root, an existing file, or an existing
     * directory that is not empty and holds no {@link #MARKER} (the current directory, a checkout, the folder of
     * a scenario). Called before any simulation, so that a refusal costs the user nothing.
     */
    public static void checkReplaceable(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        if (abs.getParent() == null) {
            throw new IllegalArgumentException("--out: " + abs + " is the filesystem root; name a directory of its own");
        }
        if (!Files.exists(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (Files.isSymbolicLink(abs)) {
            throw new IllegalArgumentException("--out: " + abs + " is a symbolic link; fabricsim replaces only"
                    + " directories it wrote, so name the directory itself; nothing was changed");
        }
        if (!Files.isDirectory(abs, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("--out: " + abs + " exists and is not a directory; fabricsim replaces"
                    + " only directories it wrote");
        }
        if (Files.exists(abs.resolve(MARKER))) {
            return;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(abs)) {
            if (entries.iterator().hasNext()) {
                throw new IllegalArgumentException("--out: " + abs + " exists, is not empty and was not written by"
                        + " fabricsim (no " + MARKER + " in it); choose another directory, nothing was changed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--out: " + abs + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code target} atomically; on any failure the previous target (if any) is left intact. */
    public static void write(Path target, Contents contents) throws IOException {
        checkReplaceable(target);
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        Files.createDirectories(parent);
        recover(abs);
        String name = abs.getFileName().toString();
        long pid = ProcessHandle.current().pid();
        Path partial = parent.resolve("." + name + ".partial-" + pid);
        Path previous = parent.resolve("." + name + ".previous-" + pid);
        deleteTree(partial);
        Files.createDirectory(partial);
        try {
            contents.writeInto(partial);
            writeMarker(partial);
        } catch (IOException | RuntimeException | Error e) {
            deleteTree(partial);
            throw e;
        }
        boolean hadPrevious = Files.exists(abs);
        if (hadPrevious) {
            move(abs, previous);
        }
        try {
            move(partial, abs);
        } catch (IOException e) {
            if (hadPrevious) {
                move(previous, abs);
            }
            deleteTree(partial);
            throw e;
        }
        if (hadPrevious) {
            keepForeignFiles(previous, abs);
            deleteTree(previous);
        }
    }

    /** Lists every file written into {@code dir} in its marker, one relative path a line, sorted. */
    private static void writeMarker(Path dir) throws IOException {
        java.util.List<String> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        }
        Files.write(dir.resolve(MARKER), files);
    }

    /** Moves the files of {@code previous} that fabricsim did not write (its marker lists none of them) into {@code next}. */
    private static void keepForeignFiles(Path previous, Path next) throws IOException {
        Path marker = previous.resolve(MARKER);
        java.util.Set<String> ours = new java.util.HashSet<>();
        ours.add(MARKER);
        if (Files.exists(marker)) {
            ours.addAll(Files.readAllLines(marker));
        }
        java.util.List<Path> foreign;
        try (Stream<Path> walk = Files.walk(previous)) {
            foreign = walk.filter(Files::isRegularFile)
                    .filter(f -> !ours.contains(previous.relativize(f).toString().replace('\\', '/'))).toList();
        }
        for (Path f : foreign) {
            Path to = next.resolve(previous.relativize(f).toString());
            if (!Files.exists(to)) {
                Files.createDirectories(to.getParent());
                move(f, to);
            }
        }
    }

    /**
     * Restores a complete directory left aside by a run killed between its two renames, removes the partial
     * directories ({@code .NAME.partial-PID}) of processes that are gone, and the lock file of a killed run if
     * nobody holds it ({@link OutputLock}). Run at the start of every run and sweep, and before every write.
     */
    public static void recover(Path target) throws IOException {
        target = target.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return;
        }
        String name = target.getFileName().toString();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + ".*-*")) {
            for (Path p : siblings) {
                String rest = p.getFileName().toString().substring(name.length() + 2);
                // exactly ours: ".NAME.partial-PID" or ".NAME.previous-PID", not ".NAME.x.partial-PID" of target "NAME.x"
                if (!rest.matches("(partial|previous)-\\d{1,19}")) {
                    continue;
                }
                int dash = rest.lastIndexOf('-');
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(dash + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // another live run owns it
                }
                if (rest.startsWith("previous-") && !Files.exists(target)) {
                    move(p, target);
                } else {
                    if (rest.startsWith("previous-")) {
                        // a run killed after its new directory was in place: its user's files still move over
                        keepForeignFiles(p, target);
                    }
                    deleteTree(p);
                }
            }
        }
        OutputLock.clearStale(target);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(x -> {
                try {
                    Files.delete(x);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
