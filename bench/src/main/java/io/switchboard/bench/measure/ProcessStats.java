package io.switchboard.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU time and resident memory of a server process and its descendants (serverless-offline runs handlers in
 * threads, Node's tools may fork), read from {@code /proc}. CPU time has the kernel's tick resolution (10 ms), so
 * windows are seconds long.
 */
public final class ProcessStats {
    private static final long NANOS_PER_TICK = 1_000_000_000L / 100; // CLK_TCK is 100 on Linux

    private ProcessStats() {
    }

    /** User plus system CPU time of the process tree, in nanoseconds. */
    public static long cpuNanos(long pid) {
        long ticks = 0;
        for (long p : tree(pid)) {
            String[] f = stat(p);
            if (f.length > 15) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]); // utime, stime
            }
        }
        return ticks * NANOS_PER_TICK;
    }

    /** Resident set size of the process tree, in bytes. */
    public static long rssBytes(long pid) {
        long kb = 0;
        for (long p : tree(pid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kb += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return kb * 1024;
    }

    /** The CPUs a process may run on ({@code Cpus_allowed_list} of {@code /proc/PID/status}); empty if unknown. */
    public static List<Integer> allowedCpus(long pid) {
        List<Integer> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    for (String part : line.substring(line.indexOf(':') + 1).trim().split(",")) {
                        String[] range = part.trim().split("-");
                        int from = Integer.parseInt(range[0].trim());
                        int to = range.length > 1 ? Integer.parseInt(range[1].trim()) : from;
                        for (int c = from; c <= to; c++) {
                            out.add(c);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    /**
     * Time these CPUs spent running anything (user, nice and system time of {@code /proc/stat}), in nanoseconds:
     * less a pinned process's own CPU time, what other processes took from it. -1 if unknown.
     */
    public static long cpuBusyNanos(List<Integer> cpus) {
        long ticks = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
                if (line.startsWith("cpu") && line.length() > 3 && Character.isDigit(line.charAt(3))) {
                    String[] f = line.split("\\s+");
                    if (cpus.contains(Integer.parseInt(f[0].substring(3)))) {
                        ticks += Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** The process and every descendant alive now. */
    static List<Long> tree(long root) {
        List<long[]> parents = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .forEach(n -> {
                        String[] f = stat(Long.parseLong(n));
                        if (f.length > 4) {
                            parents.add(new long[] {Long.parseLong(n), Long.parseLong(f[3])});
                        }
                    });
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc", e);
        }
        List<Long> out = new ArrayList<>(List.of(root));
        for (int i = 0; i < out.size(); i++) {
            long parent = out.get(i);
            for (long[] pp : parents) {
                if (pp[1] == parent && !out.contains(pp[0])) {
                    out.add(pp[0]);
                }
            }
        }
        return out;
    }

    /** The fields of /proc/PID/stat after the command name (which may contain spaces), as numbered in proc(5) − 1. */
    private static String[] stat(long pid) {
        try {
            String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = text.lastIndexOf(')');
            String[] rest = text.substring(close + 2).split(" ");
            String[] out = new String[rest.length + 2];
            out[0] = Long.toString(pid);
            out[1] = "comm";
            System.arraycopy(rest, 0, out, 2, rest.length);
            return out;
        } catch (IOException | RuntimeException e) {
            return new String[0];
        }
    }
}
