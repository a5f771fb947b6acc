package io.switchboard.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where a running server says who it is, so that {@code switchboard stop} finds it: one file per listening port,
 * {@code <tmpdir>/switchboard-<user>/node-<port>.pid}, holding the process id. Written once the server listens,
 * removed when it stops.
 */
final class PidFiles {
    private PidFiles() {
    }

    static Path directory() {
        return Path.of(System.getProperty("java.io.tmpdir"), "switchboard-" + System.getProperty("user.name", "user"));
    }

    /** The default file of the server listening on {@code port}. */
    static Path forPort(int port) {
        return directory().resolve("node-" + port + ".pid");
    }

    /** Writes this process's id to {@code file} (creating its directory). */
    static void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Long.toString(ProcessHandle.current().pid()) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pid file " + file, e);
        }
    }

    /** The process a file names, if it is still a running Switchboard (a recycled id is not taken for one). */
    static Optional<ProcessHandle> running(Path file) {
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(PidFiles::isSwitchboard);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Every pid file in the default directory. */
    static List<Path> all() {
        Path dir = directory();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean isSwitchboard(ProcessHandle process) {
        return process.info().commandLine().map(c -> c.contains("switchboard") || c.contains("io.switchboard"))
                .orElse(true); // the command line is not always readable; the file was ours
    }
}
