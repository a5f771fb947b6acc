package io.switchboard.origin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser pages may open a WebSocket to the server: the defence against cross-site WebSocket hijacking
 * (browsers send cookies with the upgrade, and CORS does not apply to WebSockets).
 *
 * <p>A request without {@code Origin} comes from something that is not a browser (wscat, an SDK, a backend) and is
 * not checked. A browser's {@code Origin} must equal, after normalisation (lower case, default port made explicit),
 * one of the allowed origins exactly: no wildcards, no prefix or suffix matching, so {@code https://example.com.evil.com}
 * never passes for {@code https://example.com}. With no allowed origins configured, the page must come from the
 * server itself: same scheme as the server, same host and port as the request's {@code Host}. The opaque origin
 * {@code null} (sandboxed frames, {@code file:} pages) never passes. A single {@code "*"} turns the check off, for
 * APIs that authenticate every connection with a token and use no cookies.
 */
public final class OriginPolicy {
    private final Set<String> allowed;
    private final boolean anyOrigin;
    private final boolean secure;

    private OriginPolicy(Set<String> allowed, boolean anyOrigin, boolean secure) {
        this.allowed = allowed;
        this.anyOrigin = anyOrigin;
        this.secure = secure;
    }

    /**
     * The policy of a server.
     *
     * @param allowedOrigins {@code scheme://host[:port]} entries (checked by {@link #problem}), or {@code ["*"]}
     * @param secure         whether the server serves TLS, so that its own pages are {@code https://}
     */
    public static OriginPolicy of(List<String> allowedOrigins, boolean secure) {
        boolean any = allowedOrigins.contains("*");
        Set<String> normalized = allowedOrigins.stream().filter(o -> !o.equals("*"))
                .map(o -> normalize(o).orElseThrow(() -> new IllegalArgumentException(problem(o).orElse(o))))
                .collect(Collectors.toUnmodifiableSet());
        return new OriginPolicy(normalized, any, secure);
    }

    /** Why an entry of {@code allowed-origins} is not an origin, or empty when it is one. */
    public static Optional<String> problem(String origin) {
        if (origin.equals("*")) {
            return Optional.empty();
        }
        if (origin.contains("*")) {
            return Optional.of("'" + origin + "' has a wildcard: list each origin exactly, or write \"*\" alone to "
                    + "allow every origin");
        }
        return normalize(origin).isPresent() ? Optional.empty() : Optional.of("'" + origin + "' is not an origin: "
                + "write scheme://host or scheme://host:port (http or https, no path)");
    }

    /**
     * Whether a connection with this {@code Origin} (absent for non-browser clients) and {@code Host} may open.
     */
    public boolean allows(Optional<String> origin, Optional<String> host) {
        if (origin.isEmpty() || anyOrigin) {
            return true;
        }
        Optional<String> normalized = normalize(origin.get());
        if (normalized.isEmpty()) {
            return false; // "null", file://, garbage
        }
        if (!allowed.isEmpty()) {
            return allowed.contains(normalized.get());
        }
        String scheme = secure ? "https" : "http";
        return host.flatMap(h -> normalize(scheme + "://" + h)).map(normalized.get()::equals).orElse(false);
    }

    /** {@code scheme://host:port} in lower case with the port explicit, for http and https origins only. */
    static Optional<String> normalize(String origin) {
        String text = origin.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("null")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = uri.getHost();
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (host == null || !bare) {
            return Optional.empty();
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port);
    }
}
