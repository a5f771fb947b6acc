package io.switchboard.management;

import io.netty.handler.codec.http.FullHttpRequest;
import io.switchboard.config.ManagementConfig;
import io.switchboard.proxies.ClientAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who may call the management API: with credentials configured, requests signed with one of them (SigV4); without,
 * callers on this machine only ({@link ClientAddress#local()}: behind a reverse proxy, only when the proxy is trusted
 * and reports a local client). Secure by default: a server reachable from the network refuses unsigned management
 * calls from it.
 */
final class ManagementAuth {
    private final boolean signaturesRequired;
    private final SigV4Verifier verifier;

    ManagementAuth(ManagementConfig config, Clock clock) {
        this.signaturesRequired = !config.credentials().isEmpty();
        this.verifier = new SigV4Verifier(config, clock);
    }

    /** Why the request is refused, or empty when it may go ahead. */
    Optional<String> rejection(FullHttpRequest request, ClientAddress client) {
        if (!signaturesRequired) {
            return client.local() ? Optional.empty()
                    : Optional.of("Without management.credentials, the management API accepts callers on this "
                            + "machine only (a request relayed with Forwarded, X-Forwarded-For or X-Real-IP is not, "
                            + "unless server.trusted-proxies lists its proxy and the proxy reports a local client)");
        }
        return verifier.rejection(new SigV4Verifier.SignedRequest() {
            @Override
            public String method() {
                return request.method().name();
            }

            @Override
            public String rawUri() {
                return request.uri();
            }

            @Override
            public List<String> headers(String name) {
                return request.headers().getAll(name);
            }

            @Override
            public byte[] bodySha256() {
                return SigV4Verifier.sha256(java.util.Arrays.asList(request.content().nioBuffers()));
            }
        });
    }
}
