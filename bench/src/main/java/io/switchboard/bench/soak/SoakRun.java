package io.switchboard.bench.soak;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.switchboard.bench.client.Signer;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.measure.ProcessStats;
import io.switchboard.bench.servers.BenchApi;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * One soak run against a Switchboard server (see {@link SoakSettings} and {@code bench/README.md}): opens the
 * connections, puts them in their rooms, runs the mixed load for the duration while sampling the time series, then
 * stops, checks what never arrived, and returns the record that {@code soak.json} holds.
 */
public final class SoakRun {
    private static final long MB = 1024 * 1024;

    private final SoakSettings settings;
    private final RunningServer server;
    private final Counters counters = new Counters();

    final IntervalLatency roomLatency = new IntervalLatency();
    final IntervalLatency churnLatency = new IntervalLatency();
    final IntervalLatency postLatency = new IntervalLatency();
    final IntervalLatency postAnswer = new IntervalLatency();
    final IntervalLatency initialHandshake = new IntervalLatency();
    final IntervalLatency reconnectHandshake = new IntervalLatency();
    final IntervalLatency churnHandshake = new IntervalLatency();
    final IntervalLatency join = new IntervalLatency();
    final IntervalLatency slowTimeToGone = new IntervalLatency();
    final IntervalLatency slowTimeToDrop = new IntervalLatency();
    final LongAdder roomDeliveries = new LongAdder();
    final LongAdder postDeliveries = new LongAdder();
    final LongAdder sends = new LongAdder();
    final LongAdder postsSent = new LongAdder();
    final LongAdder slowDrainedBytes = new LongAdder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong lagMax = new AtomicLong();

    private WsClient client;
    private URI uri;
    private HttpPool http;
    private Poster poster;
    private Member[] members;
    private Member[] postTargets;
    private final List<SlowConsumer> slow = new ArrayList<>();
    private final List<Room> rooms = new ArrayList<>();
    private volatile boolean stopping;
    private volatile boolean loadStarted;
    private volatile boolean abort;
    private long loadStart;

    private final List<Map<String, Object>> series = Collections.synchronizedList(new ArrayList<>());
    private final List<Map<String, Object>> heap = Collections.synchronizedList(new ArrayList<>());

    public SoakRun(SoakSettings settings, RunningServer server) {
        this.settings = settings;
        this.server = server;
    }

    // ---- what the members use ----

    SoakSettings settings() {
        return settings;
    }

    Counters counters() {
        return counters;
    }

    WsClient client() {
        return client;
    }

    URI uri() {
        return uri;
    }

    HttpPool http() {
        return http;
    }

    Poster poster() {
        return poster;
    }

    boolean stopping() {
        return stopping;
    }

    boolean loadStarted() {
        return loadStarted;
    }

    void opened() {
        open.incrementAndGet();
    }

    void closed() {
        open.decrementAndGet();
    }

    /** How late a scheduled send left (the client's own lateness, for the record). */
    void lag(long nanos) {
        lagMax.accumulateAndGet(nanos, Math::max);
    }

    /** A random healthy member (not churning, not slow) that is in its room now, or null. */
    Member randomPostTarget() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (int tries = 0; tries < 8; tries++) {
            Member m = postTargets[r.nextInt(postTargets.length)];
            if (m.readyConnectionId() != null) {
                return m;
            }
        }
        return null;
    }

    /** Ends the run early (Ctrl-C): the results so far are still written. */
    public void abort() {
        abort = true;
    }

    // ---- the run ----

    /** Runs the soak; returns what soak.json records (without the command and the environment). */
    public Map<String, Object> run() throws Exception {
        layout();
        checkFileLimit();
        uri = server.webSocket();
        EventLoopGroup httpGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(daemon("soak-sampler"));
        ExecutorService heapThread = Executors.newSingleThreadExecutor(daemon("soak-heap"));
        Map<String, Object> record = new LinkedHashMap<>();
        try {
            client = new WsClient(settings.clientThreads(), settings.sources(), ServerKind.SWITCHBOARD.protocol());
            EventLoop httpLoop = (EventLoop) httpGroup.next();
            http = new HttpPool(httpLoop, server.http(), new Signer(BenchApi.ACCESS_KEY, BenchApi.SECRET_KEY), 32,
                    settings.requestTimeout().toMillis());
            poster = new Poster(this, httpLoop, http, settings.postsPerSecond(), settings.requestTimeout().toMillis());
            createMembers();

            long setupStart = System.nanoTime();
            System.out.printf("soak: opening %,d connections (%,d room members in %,d rooms, %,d churning) and "
                            + "joining their rooms%n", members.length + slow.size(), settings.members(),
                    rooms.stream().filter(r -> !r.churn()).count(), settings.churners());
            setup();
            double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
            System.out.printf("soak: %,d connections open in %.1f s; measuring the live heap%n", open.get(),
                    setupSeconds);
            measureHeap(heapThread, 0).get(120, TimeUnit.SECONDS);
            // The connections' state is now all young: promote it here, not in a collection during the load.
            System.gc();

            loadStart = System.nanoTime();
            loadStarted = true;
            for (Member m : members) {
                m.startLoad(loadStart);
            }
            for (int i = 0; i < slow.size(); i++) {
                slow.get(i).start(i * 5000L / Math.max(1, slow.size()));
            }
            poster.start();
            Sampler s = new Sampler();
            long every = settings.sampleEvery().toMillis();
            sampler.scheduleAtFixedRate(s::sample, every, every, TimeUnit.MILLISECONDS);
            long heapEvery = settings.heapEvery().toMillis();
            ScheduledExecutorService heapTimer = Executors.newSingleThreadScheduledExecutor(daemon("soak-heap-timer"));
            if (heapEvery > 0) {
                heapTimer.scheduleAtFixedRate(() -> measureHeap(heapThread, seconds()), heapEvery, heapEvery,
                        TimeUnit.MILLISECONDS);
            }
            System.out.printf("soak: load started for %s%n", Durations.human(settings.duration()));

            long end = loadStart + settings.duration().toNanos();
            String stoppedBecause = "duration";
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                if (abort) {
                    stoppedBecause = "interrupted";
                    break;
                }
                if (!server.isAlive()) {
                    counters.error("server_exited");
                    stoppedBecause = "server exited" + server.exitCode().stream().mapToObj(c -> " with " + c)
                            .findFirst().orElse("");
                    break;
                }
            }
            double loadSeconds = seconds();
            heapTimer.shutdownNow();
            stopping = true;
            poster.stop();
            for (Member m : members) {
                m.stop();
            }
            slow.forEach(SlowConsumer::stop);
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            s.sample(); // the last part interval
            System.out.println("soak: load stopped (" + stoppedBecause + "); letting deliveries settle");
            double settled = settle();
            long missing = 0;
            for (Member m : members) {
                missing += m.loop().submit(() -> m.missingAtEnd(members)).get(10, TimeUnit.SECONDS);
            }
            if (missing > 0) {
                counters.error("room_missing_at_end", missing);
            }
            poster.finish();
            if (server.isAlive()) {
                try {
                    measureHeap(heapThread, seconds()).get(120, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    counters.info("heap_measure_timeout");
                }
            }

            record.put("stopped", stoppedBecause);
            record.put("settled_s", round(settled, 1));
            record.put("setup", Map.of("seconds", round(setupSeconds, 1), "connections_open", s.openAtStart));
            record.put("layout", layoutRecord());
            record.put("series", new ArrayList<>(series));
            record.put("heap", new ArrayList<>(heap));
            record.put("totals", totals(loadSeconds, s));
            return record;
        } finally {
            stopping = true;
            sampler.shutdownNow();
            heapThread.shutdownNow();
            if (http != null) {
                http.close();
            }
            if (client != null) {
                client.close();
            }
            httpGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Waits until nothing more arrives for two seconds (at least 2 s, at most 60 s): deliveries still on their way
     * are not missing ones.
     */
    private double settle() throws InterruptedException {
        long t0 = System.nanoTime();
        long last = roomDeliveries.sum() + postDeliveries.sum();
        int quiet = 0;
        while (quiet < 2 && System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(60)) {
            Thread.sleep(1000);
            long now = roomDeliveries.sum() + postDeliveries.sum();
            quiet = now == last ? quiet + 1 : 0;
            last = now;
        }
        if (quiet < 2) {
            counters.info("settle_deadline_passed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private double seconds() {
        return (System.nanoTime() - loadStart) / 1e9;
    }

    /** Rooms of {@code roomSize} (the remainder spread over the first), the busy ones first, then the churners'. */
    private void layout() {
        int size = settings.roomSize();
        int m = settings.members();
        int count = m / size;
        if (count < Math.max(1, settings.busyRooms()) || m < size) {
            throw new IllegalArgumentException("too few connections: " + m + " room members do not fill "
                    + Math.max(1, settings.busyRooms()) + " rooms of " + size);
        }
        int first = 0;
        for (int i = 0; i < count; i++) {
            int n = size + (i < m % size ? 1 : 0);
            boolean busy = i < settings.busyRooms();
            rooms.add(new Room(busy ? "busy" + i : "r" + i, first, n, busy ? "busy" : "room"));
            first += n;
        }
        int p = settings.churners();
        if (p > 0) {
            int churnRooms = Math.max(1, p / size);
            for (int i = 0; i < churnRooms; i++) {
                int n = p / churnRooms + (i < p % churnRooms ? 1 : 0);
                rooms.add(new Room("churn" + i, first, n, "churn"));
                first += n;
            }
        }
    }

    private void createMembers() {
        members = new Member[settings.members() + settings.churners()];
        List<Member> targets = new ArrayList<>();
        for (Room room : rooms) {
            for (int i = room.first(); i < room.first() + room.size(); i++) {
                members[i] = new Member(i, room, this, (EventLoop) client.group().next());
                if (!room.churn()) {
                    targets.add(members[i]);
                }
            }
        }
        postTargets = targets.toArray(new Member[0]);
        for (int i = 0; i < settings.slowConsumers(); i++) {
            Room busy = rooms.get(i % settings.busyRooms());
            slow.add(new SlowConsumer(members.length + i, busy.name(), this, (EventLoop) client.group().next()));
        }
    }

    private Map<String, Object> layoutRecord() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rooms", rooms.stream().filter(r -> r.kind().equals("room")).count());
        m.put("busy_rooms", rooms.stream().filter(Room::busy).count());
        m.put("churn_rooms", rooms.stream().filter(Room::churn).count());
        m.put("room_members", settings.members());
        m.put("churners", settings.churners());
        m.put("slow_consumers", settings.slowConsumers());
        return m;
    }

    /** Opens every member, {@code connectInFlight} at a time, each joining its room; waits with a deadline. */
    private void setup() throws InterruptedException {
        Semaphore slots = new Semaphore(settings.connectInFlight());
        CountDownLatch done = new CountDownLatch(members.length);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + members.length / 50);
        for (Member m : members) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break; // the rest start anyway, below, and count their failures
            }
            m.start(() -> {
                slots.release();
                done.countDown();
            });
        }
        if (!done.await(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            counters.info("setup_deadline_passed");
            System.out.printf("soak: setup deadline passed with %,d of %,d members still opening%n", done.getCount(),
                    members.length);
        }
    }

    /** The process may open 20,000 files here: the connections and a margin must fit. */
    private void checkFileLimit() {
        long limit = openFileLimit();
        int needed = settings.connections() + 200;
        if (limit > 0 && needed > limit) {
            throw new IllegalArgumentException(settings.connections() + " connections need about " + needed
                    + " open files; this process may open " + limit + " (ulimit -n)");
        }
    }

    static long openFileLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: no check
        }
        return -1;
    }

    /** The server's live heap after a full GC, on the heap thread (jcmd takes a while); recorded when it returns. */
    private Future<?> measureHeap(ExecutorService heapThread, double at) {
        return heapThread.submit(() -> {
            long t0 = System.nanoTime();
            try {
                OptionalLong live = server.collectGarbageAndMeasureHeap();
                if (live.isPresent()) {
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("t_s", round(at, 1));
                    h.put("live_mb", round(live.getAsLong() / (double) MB, 2));
                    h.put("took_ms", Math.round((System.nanoTime() - t0) / 1e6));
                    heap.add(h);
                }
            } catch (IOException e) {
                counters.info("heap_measure_failed");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Takes one sample of the time series per call, on the sampler thread. */
    private final class Sampler {
        private long lastNanos = loadStart;
        private long lastCpu = server.cpuNanos();
        private long lastClientCpu = ownCpuNanos();
        private long lastGc = gcMillis();
        private final List<Integer> serverCpus = ProcessStats.allowedCpus(server.pid());
        private final List<Integer> clientCpus = ProcessStats.allowedCpus(ProcessHandle.current().pid());
        private long lastServerBusy = ProcessStats.cpuBusyNanos(serverCpus);
        private long lastClientBusy = ProcessStats.cpuBusyNanos(clientCpus);
        private long lastClientTree = ProcessStats.cpuNanos(ProcessHandle.current().pid());
        double serverOthersSum;
        double clientOthersSum;
        double serverOthersMax;
        double clientOthersMax;
        private long lastRoom;
        private long lastPost;
        private long lastSends;
        private long lastPosts;
        private Map<String, Long> lastErrors = Map.of();
        private Map<String, Long> lastExpected = Map.of();
        final int openAtStart = open.get();
        long rssMax;
        long rssSum;
        int samples;
        double worstP99 = 0;
        double cpuSum;
        double clientCpuSum;
        long maxLagMs;

        synchronized void sample() {
            long now = System.nanoTime();
            double dt = (now - lastNanos) / 1e9;
            if (dt < 0.05) {
                return;
            }
            double t = (now - loadStart) / 1e9;
            boolean counted = t - dt >= settings.warmup().toSeconds() - 1e-9;
            Histogram room = roomLatency.interval(counted);
            Histogram post = postLatency.interval(counted);
            postAnswer.interval(counted);
            churnLatency.interval(counted);
            for (IntervalLatency h : List.of(initialHandshake, reconnectHandshake, churnHandshake, join,
                    slowTimeToGone, slowTimeToDrop)) {
                h.interval(true);
            }
            long cpu = server.cpuNanos();
            long clientCpu = ownCpuNanos();
            long rss = server.rssBytes();
            long gc = gcMillis();
            long roomN = roomDeliveries.sum();
            long postN = postDeliveries.sum();
            long sendN = sends.sum();
            long postsN = postsSent.sum();
            Map<String, Long> errors = counters.errors();
            Map<String, Long> expected = counters.expected();
            long lagMs = lagMax.getAndSet(0) / 1_000_000;
            long serverBusy = ProcessStats.cpuBusyNanos(serverCpus);
            long clientBusy = ProcessStats.cpuBusyNanos(clientCpus);
            long clientTree = ProcessStats.cpuNanos(ProcessHandle.current().pid()); // with jcmd, which is ours

            Map<String, Object> m = new LinkedHashMap<>();
            m.put("t_s", round(t, 1));
            m.put("warmup", !counted);
            Map<String, Object> lat = IntervalLatency.summary(room, "");
            m.put("p50_ms", lat.get("p50_ms"));
            m.put("p99_ms", lat.get("p99_ms"));
            m.put("p999_ms", lat.get("p999_ms"));
            m.put("max_ms", lat.get("max_ms"));
            m.put("post_p99_ms", IntervalLatency.summary(post, "").get("p99_ms"));
            m.put("deliveries_per_s", Math.round((roomN - lastRoom + postN - lastPost) / dt));
            m.put("room_deliveries_per_s", Math.round((roomN - lastRoom) / dt));
            m.put("post_deliveries_per_s", Math.round((postN - lastPost) / dt));
            m.put("sends_per_s", Math.round((sendN - lastSends) / dt));
            m.put("posts_per_s", Math.round((postsN - lastPosts) / dt));
            m.put("connections_open", open.get());
            m.put("errors", Counters.delta(lastErrors, errors));
            m.put("expected", Counters.delta(lastExpected, expected));
            m.put("errors_total", errors.values().stream().mapToLong(Long::longValue).sum());
            m.put("server_rss_mb", round(rss / (double) MB, 1));
            double cpuPct = 100.0 * (cpu - lastCpu) / 1e9 / dt;
            double clientPct = 100.0 * (clientCpu - lastClientCpu) / 1e9 / dt;
            m.put("server_cpu_pct", round(cpuPct, 1));
            m.put("client_cpu_pct", round(clientPct, 1));
            m.put("client_gc_ms", gc - lastGc);
            m.put("client_lag_ms", lagMs);
            // What other processes used of the CPUs each side may run on (both pinned: one CPU each).
            double serverOthers = others(serverBusy, lastServerBusy, cpu - lastCpu, serverCpus.size(), dt);
            double clientOthers = others(clientBusy, lastClientBusy, clientTree - lastClientTree, clientCpus.size(),
                    dt);
            m.put("server_cpu_others_pct", Double.isNaN(serverOthers) ? null : round(serverOthers, 1));
            m.put("client_cpu_others_pct", Double.isNaN(clientOthers) ? null : round(clientOthers, 1));
            m.put("client_heap_mb", round((Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory())
                    / (double) MB, 1));
            series.add(m);

            rssMax = Math.max(rssMax, rss);
            rssSum += rss;
            samples++;
            cpuSum += cpuPct * dt;
            clientCpuSum += clientPct * dt;
            maxLagMs = Math.max(maxLagMs, lagMs);
            if (!Double.isNaN(serverOthers)) {
                serverOthersSum += serverOthers * dt;
                serverOthersMax = Math.max(serverOthersMax, serverOthers);
            }
            if (!Double.isNaN(clientOthers)) {
                clientOthersSum += clientOthers * dt;
                clientOthersMax = Math.max(clientOthersMax, clientOthers);
            }
            lastServerBusy = serverBusy;
            lastClientBusy = clientBusy;
            lastClientTree = clientTree;
            if (counted && room.getTotalCount() > 0) {
                worstP99 = Math.max(worstP99, (Double) lat.get("p99_ms"));
            }
            lastNanos = now;
            lastCpu = cpu;
            lastClientCpu = clientCpu;
            lastGc = gc;
            lastRoom = roomN;
            lastPost = postN;
            lastSends = sendN;
            lastPosts = postsN;
            lastErrors = errors;
            lastExpected = expected;
            if (series.size() % Math.max(1, 10_000 / settings.sampleEvery().toMillis()) == 0) {
                System.out.printf("soak: t=%4.0fs p99=%s ms deliveries/s=%,d open=%,d errors=%,d rss=%.0f MB "
                                + "cpu=%.0f%% 1008=%d%n", t, lat.getOrDefault("p99_ms", "–"),
                        m.get("deliveries_per_s"), open.get(), (Long) m.get("errors_total"), rss / (double) MB,
                        cpuPct, counters.expectedCount("slow_closed_1008") + counters.expectedCount("slow_dropped_by_gateway"));
            }
        }
    }

    /** Per cent of {@code cpus} CPUs that processes other than this one used over {@code dt} seconds. */
    private static double others(long busy, long lastBusy, long ownNanos, int cpus, double dt) {
        if (busy < 0 || lastBusy < 0 || cpus == 0 || cpus > 64) {
            return Double.NaN;
        }
        return Math.min(100, Math.max(0, 100.0 * ((busy - lastBusy) - ownNanos) / 1e9 / dt / cpus)); // ticks: jitter
    }

    private Map<String, Object> totals(double loadSeconds, Sampler s) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("connections", settings.connections());
        t.put("duration_s", round(loadSeconds, 1));
        long room = roomDeliveries.sum();
        long post = postDeliveries.sum();
        t.put("deliveries", room + post);
        t.put("deliveries_per_s", Math.round((room + post) / Math.max(1e-9, loadSeconds)));
        t.put("room_deliveries", room);
        t.put("post_deliveries", post);
        t.put("room_messages_sent", sends.sum());
        t.put("posts_sent", postsSent.sum());
        t.put("latency", IntervalLatency.summary(roomLatency.total(), ""));
        t.put("worst_interval_p99_ms", s.worstP99);
        t.put("post_latency", IntervalLatency.summary(postLatency.total(), ""));
        t.put("post_answer", IntervalLatency.summary(postAnswer.total(), ""));
        t.put("churn_room_latency", IntervalLatency.summary(churnLatency.total(), ""));
        t.put("initial_handshake", IntervalLatency.summary(initialHandshake.total(), ""));
        t.put("churn_handshake", IntervalLatency.summary(churnHandshake.total(), ""));
        t.put("reconnect_handshake", IntervalLatency.summary(reconnectHandshake.total(), ""));
        t.put("join", IntervalLatency.summary(join.total(), ""));
        t.put("churn_reconnects", counters.expectedCount("churn_reconnect"));
        Map<String, Object> slowT = new LinkedHashMap<>();
        slowT.put("stalls", counters.expectedCount("slow_stalls"));
        slowT.put("gone", counters.expectedCount("slow_gone"));
        slowT.put("closed_1008", counters.expectedCount("slow_closed_1008"));
        slowT.put("dropped_by_gateway", counters.expectedCount("slow_dropped_by_gateway"));
        slowT.put("time_to_gone", IntervalLatency.summary(slowTimeToGone.total(), ""));
        slowT.put("time_to_drop", IntervalLatency.summary(slowTimeToDrop.total(), ""));
        slowT.put("drained_mb", round(slowDrainedBytes.sum() / (double) MB, 1));
        t.put("slow_consumers", slowT);
        Map<String, Object> srv = new LinkedHashMap<>();
        srv.put("rss_max_mb", round(s.rssMax / (double) MB, 1));
        List<Map<String, Object>> samples = new ArrayList<>(series);
        if (!samples.isEmpty()) {
            srv.put("rss_start_mb", samples.get(0).get("server_rss_mb"));
            srv.put("rss_end_mb", samples.get(samples.size() - 1).get("server_rss_mb"));
        }
        srv.put("cpu_avg_pct", round(s.cpuSum / Math.max(1e-9, loadSeconds), 1));
        srv.put("cpu_others_avg_pct", round(s.serverOthersSum / Math.max(1e-9, loadSeconds), 1));
        srv.put("cpu_others_max_pct", round(s.serverOthersMax, 1));
        t.put("server", srv);
        t.put("heap", HeapTrend.of(new ArrayList<>(heap), settings.warmup().toSeconds(), loadSeconds));
        Map<String, Object> cl = new LinkedHashMap<>();
        cl.put("cpu_avg_pct", round(s.clientCpuSum / Math.max(1e-9, loadSeconds), 1));
        cl.put("max_send_lag_ms", s.maxLagMs);
        cl.put("cpu_others_avg_pct", round(s.clientOthersSum / Math.max(1e-9, loadSeconds), 1));
        cl.put("cpu_others_max_pct", round(s.clientOthersMax, 1));
        t.put("client", cl);
        Map<String, Long> errors = counters.errors();
        t.put("errors", errors);
        t.put("unexpected_errors", errors.values().stream().mapToLong(Long::longValue).sum());
        t.put("expected", counters.expected());
        t.put("info", counters.info());
        return t;
    }

    /** The server's application log: warnings and errors, counted, with the first few distinct lines. */
    public static Map<String, Object> scanLog(Path log) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (log == null || !Files.exists(log)) {
            return m;
        }
        long warn = 0;
        long error = 0;
        Set<String> distinct = new LinkedHashSet<>();
        try (var lines = Files.lines(log)) {
            for (String line : (Iterable<String>) lines::iterator) {
                String rest = line.length() > 30 ? line.substring(line.indexOf(' ') + 1) : line;
                boolean w = rest.startsWith("WARN");
                boolean e = rest.startsWith("ERROR") || line.startsWith("Exception") || line.contains("OutOfMemory");
                if (w) {
                    warn++;
                }
                if (e) {
                    error++;
                }
                if ((w || e) && distinct.size() < 20) {
                    distinct.add(rest.length() > 300 ? rest.substring(0, 300) : rest);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            m.put("unreadable", e.toString());
        }
        m.put("file", log.toString());
        m.put("warnings", warn);
        m.put("errors", error);
        m.put("first", new ArrayList<>(distinct));
        return m;
    }

    /** This process's CPU time, without its children (jcmd runs as one). */
    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
