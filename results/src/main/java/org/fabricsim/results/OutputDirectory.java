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
 */
public final class OutputDirectory {

    /** Writes the directory's contents into a fresh folder. */
    @FunctionalInterface
    public interface Contents {
        void writeInto(Path dir) throws IOException;
    }

    private OutputDirectory() {
    }

    /** Writes {@code target} atomically; on any failure the previous target (if any) is left intact. */
    public static void write(Path target, Contents contents) throws IOException {
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
            deleteTree(previous);
        }
    }

    /**
     * Restores a complete directory left aside by a run killed between its two renames, and removes
     * partial directories of dead processes.
     */
    public static void recover(Path target) throws IOException {
        Path parent = target.getParent();
        String name = target.getFileName().toString();
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, "." + name + ".*-*")) {
            for (Path p : siblings) {
                String rest = p.getFileName().toString().substring(name.length() + 2);
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
                    deleteTree(p);
                }
            }
        }
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
