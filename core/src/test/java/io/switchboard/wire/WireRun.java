package io.switchboard.wire;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a table of cases as dynamic tests against one gateway, each followed by the gateway's health check.
 *
 * <p>Many cases end with the gateway lingering up to 3 s for the client's close answer, so by default the cases run
 * {@value #DEFAULT_PARALLEL} at a time ({@code -Dwire.parallel=N}; 1 runs them one by one). Each dynamic test then
 * waits for its own case. Run in parallel, the health check follows the case's own connections in the gateway's
 * registry; run one by one, it also requires the {@code /healthz} connection count back at its baseline after every
 * case. Either way the last test of the table requires the count back at the baseline once every case is done.
 */
final class WireRun {
    static final int DEFAULT_PARALLEL = 8;
    static final int PARALLEL = Integer.getInteger("wire.parallel", DEFAULT_PARALLEL);
    /** A case that has not finished by then hangs somewhere its own deadlines do not cover. */
    private static final long CASE_LIMIT_SECONDS = 60;

    private WireRun() {
    }

    /**
     * The dynamic tests of one area's table, and a last one that checks the connection count and writes
     * {@code target/wire-report/{area}.txt}: every case with PASS or FAIL, and for failures what was sent and what
     * came back (Surefire's XML names dynamic tests by index only).
     */
    static Stream<DynamicTest> tests(String area, WireGateway gateway, List<WireCase> cases) {
        Set<String> names = new HashSet<>();
        for (WireCase c : cases) {
            if (!names.add(c.displayName())) {
                throw new IllegalArgumentException("two cases are named " + c.displayName());
            }
        }
        int baseline;
        try {
            baseline = gateway.healthzConnections();
        } catch (Exception e) {
            throw new IllegalStateException("the gateway does not answer /healthz", e);
        }
        List<DynamicTest> tests = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        String[] outcomes = new String[cases.size()];
        ExecutorService pool;
        if (PARALLEL <= 1) {
            pool = null;
            for (int i = 0; i < cases.size(); i++) {
                WireCase c = cases.get(i);
                int index = i;
                tests.add(DynamicTest.dynamicTest(c.displayName(), () -> recorded(outcomes, index, c,
                        () -> runOne(gateway, c, baseline))));
            }
        } else {
            AtomicInteger threads = new AtomicInteger();
            pool = Executors.newFixedThreadPool(PARALLEL, r -> {
                Thread t = new Thread(r, "wire-case-" + threads.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            for (int i = 0; i < cases.size(); i++) {
                WireCase c = cases.get(i);
                int index = i;
                Future<?> future = pool.submit(() -> {
                    recorded(outcomes, index, c, () -> runOne(gateway, c, -1));
                    return null;
                });
                futures.add(future);
                tests.add(DynamicTest.dynamicTest(c.displayName(), () -> await(future)));
            }
        }
        tests.add(DynamicTest.dynamicTest("after all " + cases.size() + " cases → the gateway's open-connection "
                + "count (/healthz) is back to its baseline of " + baseline, () -> {
                    for (Future<?> f : futures) {
                        try {
                            f.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
                        } catch (ExecutionException | TimeoutException e) {
                            // reported by the case's own test
                        }
                    }
                    if (pool != null) {
                        pool.shutdownNow();
                    }
                    report(area, cases, outcomes);
                    gateway.awaitConnectionCount(baseline);
                }));
        return tests.stream();
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    /** Runs a case and records its outcome for the area's report. */
    private static void recorded(String[] outcomes, int index, WireCase c, Run run) throws Exception {
        long start = System.nanoTime();
        try {
            run.run();
            outcomes[index] = "PASS  " + c.displayName() + millisSince(start);
        } catch (Throwable t) {
            StringBuilder detail = new StringBuilder();
            String[] lines = String.valueOf(t.getMessage()).split("\n");
            for (int i = lines.length > 1 ? 1 : 0; i < lines.length; i++) { // the first line is the case's name
                detail.append("\n        ").append(lines[i].strip());
            }
            outcomes[index] = "FAIL  " + c.displayName() + millisSince(start) + detail;
            throw t;
        }
    }

    private static String millisSince(long start) {
        return "  [" + (System.nanoTime() - start) / 1_000_000 + " ms]";
    }

    private static void report(String area, List<WireCase> cases, String[] outcomes) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("target", "wire-report");
        java.nio.file.Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < cases.size(); i++) {
            String outcome = outcomes[i] != null ? outcomes[i] : "FAIL  " + cases.get(i).displayName()
                    + "\n        did not finish";
            failed += outcome.startsWith("FAIL") ? 1 : 0;
            lines.add(String.format("%3d %s", i + 1, outcome));
        }
        lines.add(0, area + ": " + cases.size() + " cases, " + failed + " failed");
        java.nio.file.Files.write(dir.resolve(area + ".txt"), lines);
        System.out.println("wire suite, " + lines.get(0) + " (" + dir.resolve(area + ".txt").toAbsolutePath() + ")");
    }

    private static void await(Future<?> future) throws Throwable {
        try {
            future.get(CASE_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new AssertionError("the case did not finish within " + CASE_LIMIT_SECONDS + " s (hang)");
        }
    }

    private static void runOne(WireGateway gateway, WireCase c, int baseline) {
        WireContext wire = new WireContext(gateway);
        Throwable failure = null;
        try {
            c.body().run(wire);
        } catch (Throwable t) {
            failure = t;
        } finally {
            wire.closeAll();
        }
        try {
            gateway.healthCheck(wire.localPorts(), baseline);
        } catch (Throwable t) {
            AssertionError health = new AssertionError("health check after the case: " + t.getMessage(), t);
            if (failure == null) {
                failure = health;
            } else {
                failure.addSuppressed(health);
            }
        }
        if (failure != null) {
            AssertionError reported = new AssertionError(c.name() + "\n  sent:     " + c.sends()
                    + "\n  expected: " + c.expects() + "\n  got:      " + failure.getMessage(), failure);
            throw reported;
        }
    }
}
