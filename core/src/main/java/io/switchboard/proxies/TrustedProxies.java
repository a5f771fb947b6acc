package io.switchboard.proxies;

import io.netty.handler.codec.http.HttpHeaders;
import io.switchboard.config.IpRange;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the client behind reverse proxies ({@code server.trusted-proxies}). A proxy on the same host relays every
 * request from loopback, so the socket's address alone would make the whole internet local:
 * <ul>
 *   <li>a request without {@code Forwarded}, {@code X-Forwarded-For} or {@code X-Real-IP} comes from its peer;</li>
 *   <li>one that carries any of them from a peer that is not a trusted proxy comes from its peer too, but is never
 *       local: whoever wrote the header may be relaying someone else;</li>
 *   <li>from a trusted proxy, the client is the right-most address of the chain that is not itself a trusted
 *       proxy (what is left of it was written by the client and proves nothing); an entry that is not an IP
 *       address ({@code unknown}, an obfuscated name) stops the walk and is not local.</li>
 * </ul>
 * {@code X-Forwarded-For} is read first, then {@code Forwarded} (its {@code for=} parameters, RFC 7239), then
 * {@code X-Real-IP}. Immutable and thread-safe.
 */
public final class TrustedProxies {
    private final List<IpRange> proxies;

    private TrustedProxies(List<IpRange> proxies) {
        this.proxies = List.copyOf(proxies);
    }

    public static TrustedProxies of(List<IpRange> proxies) {
        return new TrustedProxies(proxies);
    }

    /** The client of a request that came from {@code peer} with these headers. */
    public ClientAddress resolve(SocketAddress peer, HttpHeaders headers) {
        if (!(peer instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return new ClientAddress(String.valueOf(peer), false);
        }
        InetAddress address = inet.getAddress();
        List<String> chain = chain(headers);
        if (chain.isEmpty()) {
            return new ClientAddress(address.getHostAddress(), address.isLoopbackAddress());
        }
        if (!trusts(address.getAddress())) {
            return new ClientAddress(address.getHostAddress(), false);
        }
        ClientAddress client = new ClientAddress(address.getHostAddress(), address.isLoopbackAddress());
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = parse(chain.get(i));
            if (hop.isEmpty()) {
                return new ClientAddress(client.ip(), false);
            }
            client = new ClientAddress(hop.get().getHostAddress(), hop.get().isLoopbackAddress());
            if (!trusts(hop.get().getAddress())) {
                return client;
            }
        }
        return client; // proxies all the way: the first of them is as far as anyone can see
    }

    private boolean trusts(byte[] address) {
        for (IpRange range : proxies) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The forwarding chain, client first; empty when the request carries none of the headers. */
    private static List<String> chain(HttpHeaders headers) {
        List<String> out = new ArrayList<>();
        List<String> xff = headers.getAll("X-Forwarded-For");
        if (!xff.isEmpty()) {
            for (String value : xff) {
                for (String part : value.split(",", -1)) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        List<String> forwarded = headers.getAll("Forwarded");
        if (!forwarded.isEmpty()) {
            for (String value : forwarded) {
                for (String element : value.split(",", -1)) {
                    out.add(forParameter(element));
                }
            }
            return out;
        }
        for (String value : headers.getAll("X-Real-IP")) {
            out.add(value.trim());
        }
        return out;
    }

    /** The {@code for=} of one {@code Forwarded} element, unquoted; "" when it has none (which is not local). */
    private static String forParameter(String element) {
        for (String pair : element.split(";", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return "";
    }

    /** An address as proxies write it: {@code 1.2.3.4}, {@code 1.2.3.4:port}, {@code [v6]}, {@code [v6]:port}, v6. */
    private static Optional<InetAddress> parse(String hop) {
        String h = hop;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? "" : h.substring(1, end);
        } else if (h.indexOf(':') > 0 && h.indexOf(':') == h.lastIndexOf(':')) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        return IpRange.literal(h).flatMap(bytes -> {
            try {
                return Optional.of(InetAddress.getByAddress(bytes)); // bytes, so no name is ever looked up
            } catch (java.net.UnknownHostException e) {
                return Optional.empty();
            }
        });
    }
}
