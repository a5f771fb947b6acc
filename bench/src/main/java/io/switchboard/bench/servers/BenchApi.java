package io.switchboard.bench.servers;

import io.switchboard.bench.client.Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP calls the scenarios make besides their load: room membership and broadcasts. Switchboard's are its
 * management API under the bench stage, signed with the bench configuration's key ({@code bench/config}); the peers
 * have a plain {@code POST /broadcast}. Not on the measured path's hot loop, so the JDK client is enough here.
 */
public final class BenchApi {
    /** The stage, key id and secret of {@code bench/config/switchboard.yaml}. */
    public static final String STAGE = "bench";
    public static final String ACCESS_KEY = "AKIDBENCH";
    public static final String SECRET_KEY = "bench-secret-0123456789";
    /** The group every connection of the broadcast scenario joins. */
    static final String EVERYONE = "all";

    private final RunningServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Signer signer = new Signer(ACCESS_KEY, SECRET_KEY);

    public BenchApi(RunningServer server) {
        this.server = server;
    }

    private boolean switchboard() {
        return server.kind().switchboard();
    }

    /** Where a broadcast to every connection is posted. */
    public String broadcastPath() {
        return switchboard() ? "/" + STAGE + "/@groups/" + EVERYONE : "/broadcast";
    }

    /** A request to the server, signed with SigV4 for Switchboard. */
    public HttpRequest request(String method, String path, byte[] body) {
        URI uri = server.http().resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (switchboard()) {
            signer.headers(method, uri, body).forEach(b::header);
        }
        return b.build();
    }

    /** Sends without waiting; a failure is reported on standard error (the scenario sees the missing deliveries). */
    public CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            if (e != null) {
                System.err.println(request.method() + " " + request.uri() + " failed: " + e);
            } else if (r.statusCode() / 100 != 2) {
                System.err.println(request.method() + " " + request.uri() + ": " + r.statusCode() + " " + r.body());
            }
        });
    }

    /**
     * Puts every connection in the broadcast group (Switchboard only; the peers broadcast to everyone connected),
     * 64 calls at a time.
     *
     * @throws IllegalStateException when a call fails
     */
    public void joinAll(List<String> connectionIds) throws InterruptedException {
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (String id : connectionIds) {
            inFlight.acquire();
            String path = "/" + STAGE + "/@groups/" + EVERYONE + "/members/" + id.replace("=", "%3D");
            CompletableFuture<HttpResponse<String>> call = send(request("PUT", path, new byte[0]));
            call.whenComplete((r, e) -> inFlight.release());
            calls.add(call);
        }
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> r = call.orTimeout(60, TimeUnit.SECONDS).join();
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("joining the broadcast group: " + r.statusCode() + " " + r.body());
            }
        }
    }
}
