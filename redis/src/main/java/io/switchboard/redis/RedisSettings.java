package io.switchboard.redis;

import io.switchboard.config.ConfigNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code engine.redis}: where the Redis server (or Redis Cluster) is and how to talk to it.
 *
 * @param uri            {@code redis://[user:password@]host[:port][/database]}, or {@code rediss://} for TLS;
 *                       default {@code redis://127.0.0.1:6379}; for a cluster, the first seed node
 * @param nodes          the nodes the URI names, {@code uri} first: one for a standalone server; for a cluster the
 *                       seeds ({@code redis://host:port,host:port,...}: user, password and TLS apply to each), any
 *                       one of which is enough to learn the whole topology
 * @param cluster        whether the nodes form a Redis Cluster ({@code cluster: true}); several nodes without it
 *                       are a configuration error, since a standalone server is one address
 * @param password       the password when it is not in the URI (better from {@code ${ENV}}); never logged
 * @param database       the database number when it is not in the URI (default 0; a cluster has only 0)
 * @param keyPrefix      put before every key and channel, so that several gateways' clusters share one Redis apart
 *                       (default {@code switchboard:}); on a cluster no braces, so that it never forms a hash tag
 * @param connectTimeout how long connecting may take (default 5 s)
 * @param commandTimeout how long one command may take before it fails (default 5 s); no call waits longer
 */
public record RedisSettings(URI uri, List<URI> nodes, boolean cluster, Optional<String> password, int database,
                            String keyPrefix, Duration connectTimeout, Duration commandTimeout) {

    public static final URI DEFAULT_URI = URI.create("redis://127.0.0.1:6379");
    /** Seed nodes one URI may list at most. */
    static final int MAX_NODES = 64;
    private static final Pattern SEVERAL = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*)://(?:([^@/]*)@)?([^/]*)(/.*)?$");

    public RedisSettings {
        Objects.requireNonNull(uri, "uri");
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (nodes.isEmpty() || !nodes.get(0).equals(uri)) {
            throw new IllegalArgumentException("the nodes start with the URI");
        }
    }

    /** A standalone server. */
    public RedisSettings(URI uri, Optional<String> password, int database, String keyPrefix, Duration connectTimeout,
                         Duration commandTimeout) {
        this(uri, List.of(uri), false, password, database, keyPrefix, connectTimeout, commandTimeout);
    }

    /** The defaults, at another URI (tests, {@code --engine redis}). */
    public static RedisSettings at(URI uri) {
        return new RedisSettings(uri, Optional.empty(), 0, "switchboard:", Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    /** The defaults, on a Redis Cluster known by these seed nodes (tests). */
    public static RedisSettings cluster(List<URI> seeds) {
        return new RedisSettings(seeds.get(0), seeds, true, Optional.empty(), 0, "switchboard:", Duration.ofSeconds(5),
                Duration.ofSeconds(5));
    }

    /** The same settings with another key prefix. */
    public RedisSettings withKeyPrefix(String prefix) {
        return new RedisSettings(uri, nodes, cluster, password, database, prefix, connectTimeout, commandTimeout);
    }

    /** Whether the connection is TLS. */
    public boolean tls() {
        return "rediss".equals(uri.getScheme());
    }

    /** The URI (all nodes, for a cluster) without its user information, for logs. */
    public String describe() {
        StringBuilder out = new StringBuilder(uri.getScheme()).append("://");
        for (int i = 0; i < nodes.size(); i++) {
            URI node = nodes.get(i);
            out.append(i == 0 ? "" : ",").append(node.getHost()).append(node.getPort() < 0 ? "" : ":" + node.getPort());
        }
        return out.append(uri.getPath() == null ? "" : uri.getPath()).append(cluster ? " (cluster)" : "").toString();
    }

    static RedisSettings read(ConfigNode n) {
        String text = n.string("uri", DEFAULT_URI.toString());
        boolean cluster = n.bool("cluster", false);
        List<URI> nodes = parse(n, text);
        if (nodes.size() > 1 && !cluster) {
            n.problem("uri", "names " + nodes.size() + " nodes: that is a Redis Cluster's seeds, so set cluster: "
                    + "true (a standalone server has one address)");
        }
        if (nodes.isEmpty()) {
            nodes = List.of(DEFAULT_URI);
        }
        Optional<String> password = n.optionalString("password").filter(p -> !p.isEmpty());
        int database = n.integer("database", 0, 0, 1024);
        boolean pathDatabase = nodes.stream().anyMatch(u -> u.getPath() != null && u.getPath().length() > 1);
        if (cluster && (database != 0 || pathDatabase)) {
            n.problem(database != 0 ? "database" : "uri", "a Redis Cluster has only database 0");
        }
        String keyPrefix = n.string("key-prefix", "switchboard:");
        if (keyPrefix.length() > 128 || keyPrefix.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            n.problem("key-prefix", "has at most 128 printable characters without spaces");
            keyPrefix = "switchboard:";
        } else if (cluster && keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
            n.problem("key-prefix", "has no { or }: they would make a hash tag and put every key in one slot");
            keyPrefix = "switchboard:";
        }
        Duration connectTimeout = n.duration("connect-timeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        Duration commandTimeout = n.duration("command-timeout", Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofMinutes(5));
        return new RedisSettings(nodes.get(0), nodes, cluster, password, database, keyPrefix, connectTimeout,
                commandTimeout);
    }

    /**
     * The nodes of {@code scheme://[userinfo@]host[:port][,host[:port]...][/path]}, each a URI with the shared scheme,
     * user information and path; empty after a problem (messages never quote the user information).
     */
    private static List<URI> parse(ConfigNode n, String text) {
        Matcher m = SEVERAL.matcher(text);
        if (!m.matches()) {
            n.problem("uri", "is not a URI: redis://[user:password@]host[:port][,host[:port]...][/database]");
            return List.of();
        }
        String scheme = m.group(1);
        if (!"redis".equals(scheme) && !"rediss".equals(scheme)) {
            n.problem("uri", "must start with redis:// or rediss://, not '" + scheme + "'");
            return List.of();
        }
        String[] hosts = m.group(3).split(",", -1);
        if (hosts.length > MAX_NODES) {
            n.problem("uri", "names more than " + MAX_NODES + " nodes");
            return List.of();
        }
        String user = m.group(2) == null ? "" : m.group(2) + "@";
        String path = m.group(4) == null ? "" : m.group(4);
        List<URI> out = new ArrayList<>(hosts.length);
        for (String host : hosts) {
            try {
                URI parsed = new URI(scheme + "://" + user + host.trim() + path);
                if (parsed.getHost() == null || parsed.getHost().isBlank()) {
                    n.problem("uri", hosts.length == 1 ? "names no host" : "has a node without a host: '" + host
                            + "'");
                    return List.of();
                }
                out.add(parsed);
            } catch (URISyntaxException e) {
                n.problem("uri", "is not a URI: " + e.getReason().replace(user, ""));
                return List.of();
            }
        }
        return out;
    }

    @Override
    public String toString() { // the password stays out of logs and exception messages
        return "RedisSettings[" + describe() + ", database " + database + ", prefix " + keyPrefix + "]";
    }
}
