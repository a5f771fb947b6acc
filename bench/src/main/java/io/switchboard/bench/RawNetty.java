package io.switchboard.bench;

import io.switchboard.bench.peer.RawNettyServer;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the raw Netty peer in the foreground. */
@Command(name = "raw-netty", mixinStandardHelpOptions = true, description = "Run the raw Netty peer server.")
final class RawNetty implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "9100", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;
    @Option(names = "--host", defaultValue = "127.0.0.1")
    String host;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        RawNettyServer server = new RawNettyServer(host, port);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println("listening " + server.port());
        stopped.await();
        return 0;
    }
}
