package io.switchboard.cluster;

import io.switchboard.Realtime;
import io.switchboard.handler.PresenceStatus;
import io.switchboard.json.Json;
import io.switchboard.testing.TestGateway;
import io.switchboard.testing.TestWsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What the cluster tests ask of a node or a client of the {@code chat} stage. */
final class ClusterCalls {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ClusterCalls() {
    }

    /** The connection id of a client (the {@code whoami} mock route). */
    static String idOf(TestWsClient client) {
        return client.send("{\"action\":\"whoami\"}").next();
    }

    /** A node's real-time stack. */
    static Realtime realtime(TestGateway node) {
        return node.server().gateway().realtime();
    }

    /** An HTTP call to a node's {@code /chat} stage (management API). */
    static HttpResponse<String> call(TestGateway node, String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.server().httpUri() + "/chat" + path))
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The {@code seq} of the next message a client receives. */
    static int seqOf(TestWsClient client) {
        return Json.MAPPER.readTree(client.next()).get("seq").asInt();
    }

    /** A user's presence as a node reads it. */
    static PresenceStatus status(TestGateway node, String user) {
        return realtime(node).users().presence("chat", user).toCompletableFuture().join().status();
    }
}
