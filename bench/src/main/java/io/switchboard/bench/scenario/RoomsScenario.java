package io.switchboard.bench.scenario;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.measure.Latency;
import io.switchboard.bench.servers.RunningServer;
import io.switchboard.bench.servers.ServerKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Seed 001's workload: R rooms of K members, joined with {@code joinRoom}, every member sending to its room with
 * {@code sendMsgToRoom}, each message delivered to the K−1 others. With {@code rate} 0 each member sends its next
 * message once the previous one reached everyone (the server's capacity); otherwise each member sends {@code rate}
 * messages per second. Measures deliveries per second and publish→deliver latency.
 *
 * <p>On a server of several nodes member i connects to node i mod N, so every room spans the nodes (with K = 10 and
 * N = 3, two thirds of a message's deliveries cross to another node); those crossings are counted apart. The
 * {@code cluster} scenario is this workload on the cluster kinds and their one-node counterparts.
 */
public final class RoomsScenario implements Scenario {
    private static final Set<ServerKind> CLUSTER = Set.of(ServerKind.SWITCHBOARD_REDIS,
            ServerKind.SWITCHBOARD_CLUSTER, ServerKind.SOCKET_IO, ServerKind.SOCKET_IO_CLUSTER);

    private final String name;
    private final double rate;

    /** @param rate messages per second per member; 0 means as fast as deliveries allow */
    public RoomsScenario(double rate) {
        this("rooms", rate);
    }

    /** @param name {@code rooms}, or {@code cluster} for the cluster kinds and their one-node counterparts */
    public RoomsScenario(String name, double rate) {
        if (!name.equals("rooms") && !name.equals("cluster")) {
            throw new IllegalArgumentException(name);
        }
        this.name = name;
        this.rate = rate;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String primaryMetric() {
        return "deliveries_per_s";
    }

    @Override
    public Set<ServerKind> servers() {
        if (name.equals("cluster")) {
            return CLUSTER;
        }
        return Set.of(ServerKind.values()).stream().filter(k -> k.nodes() == 1)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    @Override
    public Result run(RunningServer server, Settings s) throws Exception {
        int rooms = s.rooms();
        int k = s.roomSize();
        int members = rooms * k;
        int nodes = server.nodes();
        LongAdder deliveries = new LongAdder();
        LongAdder crossings = new LongAdder();
        LongAdder arrivals = new LongAdder();
        AtomicIntegerArray receipts = new AtomicIntegerArray(members);
        AtomicLongArray sequence = new AtomicLongArray(members);
        Latency latency = new Latency();
        List<ClientConnection> all = new ArrayList<>();
        try (WsClient client = new WsClient(s.clientThreads(), s.sources(), server.kind().protocol())) {
            FrameListener listener = new FrameListener() {
                @Override
                public void onPayload(ClientConnection c, ByteBuf payload) {
                    if (Payloads.is(payload, 'm')) {
                        latency.record(System.nanoTime() - Payloads.field(payload, 2));
                        deliveries.increment();
                        int sender = (int) Payloads.field(payload, 0);
                        if (sender % nodes != c.index() % nodes) {
                            crossings.increment();
                        }
                        if (rate == 0 && receipts.incrementAndGet(sender) == k - 1) {
                            receipts.set(sender, 0);
                            send(all.get(sender), client, s, sequence);
                        }
                    } else if (Payloads.mentions(payload, "newParticipant")) {
                        arrivals.increment();
                    }
                }
            };
            all.addAll(client.connectAll(server::webSocket, 0, members, 50, listener));
            join(all, client, rooms, k, arrivals);
            List<ScheduledFuture<?>> timers = new ArrayList<>();
            for (ClientConnection c : all) {
                if (rate == 0) {
                    send(c, client, s, sequence);
                } else {
                    long period = (long) (1e9 / rate);
                    timers.add(c.channel().eventLoop().scheduleAtFixedRate(() -> send(c, client, s, sequence),
                            (long) (Math.random() * period), period, TimeUnit.NANOSECONDS));
                }
            }
            // The nodes of a cluster share the server CPUs: each gets its share of the warm-up, so each warms as long
            // as one server alone would (measured: three JVMs' compilers were still busy after one warm-up).
            Thread.sleep(s.warmup().toMillis() * nodes);
            latency.reset();
            long crossedBefore = crossings.sum();
            Map<String, Double> metrics = new HashMap<>(Window.open(server, deliveries)
                    .measure(s.measure(), primaryMetric()));
            long crossed = crossings.sum() - crossedBefore;
            if (nodes > 1 && metrics.get("count") > 0) {
                metrics.put("cross_node_deliveries_per_s", crossed * metrics.get(primaryMetric())
                        / metrics.get("count"));
            }
            metrics.putAll(Latency.summary(latency.snapshot(), "delivery_"));
            timers.forEach(t -> t.cancel(false));
            return new Result(rate == 0 ? name : name + "@rate", server.kind().label(),
                    Map.of("rooms", rooms, "members_per_room", k, "rate_per_member", rate,
                            "payload_bytes", s.payloadBytes()), metrics);
        }
    }

    private static void send(ClientConnection c, WsClient client, Settings s, AtomicLongArray sequence) {
        String text = Payloads.make('m', c.index(), sequence.incrementAndGet(c.index()), s.payloadBytes());
        c.send(client.protocol().sendToRoom(room(c.index(), s.roomSize()), text));
    }

    static String room(int member, int roomSize) {
        return "r" + member / roomSize;
    }

    /**
     * Members join one position at a time (every room's first member, then every room's second, …), each step
     * waiting for its arrival notices, so every server sees the same joins in the same order: K(K−1)/2 notices a room.
     */
    private static void join(List<ClientConnection> all, WsClient client, int rooms, int k, LongAdder arrivals)
            throws InterruptedException {
        long expected = 0;
        for (int position = 0; position < k; position++) {
            for (int room = 0; room < rooms; room++) {
                int member = room * k + position;
                all.get(member).send(client.protocol().joinRoom(room(member, k)));
            }
            expected += (long) rooms * position;
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (arrivals.sum() < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("joins did not complete: " + arrivals.sum() + " of " + expected
                            + " arrival notices");
                }
                Thread.sleep(5);
            }
        }
        Thread.sleep(200); // the last joiners' own answers
    }
}
