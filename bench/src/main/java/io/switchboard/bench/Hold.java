package io.switchboard.bench;

import io.switchboard.bench.client.ClientConnection;
import io.switchboard.bench.client.WsClient;
import io.switchboard.bench.servers.ServerKind;
import java.net.URI;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A worker process of the idle scenario: opens its share of connections, says {@code ready}, holds them. */
@Command(name = "hold", description = "Hold connections open until standard input ends (used by the idle scenario).")
final class Hold implements Callable<Integer> {
    @Option(names = "--uri", required = true)
    URI uri;
    @Option(names = "--server", required = true)
    String server;
    @Option(names = "--first", defaultValue = "0")
    int first;
    @Option(names = "--count", required = true)
    int count;
    @Option(names = "--sources", defaultValue = "16")
    int sources;

    @Override
    public Integer call() throws Exception {
        try (WsClient client = new WsClient(1, sources, ServerKind.byLabel(server).protocol())) {
            List<ClientConnection> held = client.connectAll(uri, first, count, 100, (c, p) -> { });
            System.out.println("ready " + held.size());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the driver closes our input
            }
            held.forEach(ClientConnection::close);
        }
        return 0;
    }
}
