package io.switchboard.bench.soak;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Events counted by kind, in three books: unexpected errors (the goal says 0), expected events (slow consumers closed
 * by the gateway, churn), and information (sends skipped while a connection was away). Kinds are short fixed names,
 * at most {@value #MAX_KINDS} per book; any further kind is counted as {@code other}, so nothing grows without bound.
 */
final class Counters {
    static final int MAX_KINDS = 64;

    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> info = new ConcurrentHashMap<>();

    void error(String kind) {
        add(errors, kind, 1);
    }

    void error(String kind, long n) {
        add(errors, kind, n);
    }

    void expected(String kind) {
        add(expected, kind, 1);
    }

    void info(String kind) {
        add(info, kind, 1);
    }

    void info(String kind, long n) {
        add(info, kind, n);
    }

    Map<String, Long> errors() {
        return snapshot(errors);
    }

    Map<String, Long> expected() {
        return snapshot(expected);
    }

    Map<String, Long> info() {
        return snapshot(info);
    }

    long errorTotal() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long expectedCount(String kind) {
        LongAdder a = expected.get(kind);
        return a == null ? 0 : a.sum();
    }

    private static void add(Map<String, LongAdder> book, String kind, long n) {
        LongAdder a = book.get(kind);
        if (a == null) {
            a = book.size() >= MAX_KINDS ? book.computeIfAbsent("other", k -> new LongAdder())
                    : book.computeIfAbsent(kind, k -> new LongAdder());
        }
        a.add(n);
    }

    private static Map<String, Long> snapshot(Map<String, LongAdder> book) {
        Map<String, Long> out = new TreeMap<>();
        book.forEach((k, v) -> {
            long n = v.sum();
            if (n != 0) {
                out.put(k, n);
            }
        });
        return out;
    }

    /** What grew from {@code before} to {@code after}: the kinds whose count went up, with the growth. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }
}
