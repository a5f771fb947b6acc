package io.switchboard.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An HTTP/1.1 request written line by line, for requests a real client would never send. */
final class Req {
    private String method = "GET";
    private String target;
    private String version = "HTTP/1.1";
    private final List<String> lines = new ArrayList<>();
    private String body = "";
    private String eol = "\r\n";

    private Req(String target) {
        this.target = target;
    }

    /** A plain request: request line and {@code Host}. */
    static Req get(String target, int port) {
        return new Req(target).header("Host", "127.0.0.1:" + port);
    }

    /** A valid WebSocket upgrade request for {@code target} with this key. */
    static Req upgrade(String target, int port, String key) {
        return get(target, port).header("Upgrade", "websocket").header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", key).header("Sec-WebSocket-Version", "13");
    }

    Req method(String value) {
        method = value;
        return this;
    }

    Req target(String value) {
        target = value;
        return this;
    }

    Req version(String value) {
        version = value;
        return this;
    }

    /** Adds a header line {@code name: value}. */
    Req header(String name, String value) {
        lines.add(name + ": " + value);
        return this;
    }

    /** Replaces every header of this name (case-insensitive) with one {@code name: value}, in the first's place. */
    Req set(String name, String value) {
        int at = indexOf(name);
        without(name);
        String line = name + ": " + value;
        if (at < 0) {
            lines.add(line);
        } else {
            lines.add(Math.min(at, lines.size()), line);
        }
        return this;
    }

    /** Removes every header of this name. */
    Req without(String name) {
        lines.removeIf(l -> nameOf(l).equalsIgnoreCase(name));
        return this;
    }

    /** Adds a raw header line, written as it is. */
    Req line(String raw) {
        lines.add(raw);
        return this;
    }

    /** Rewrites every header name with this function (case variants). */
    Req names(java.util.function.UnaryOperator<String> rename) {
        lines.replaceAll(l -> {
            int colon = l.indexOf(':');
            return colon < 0 ? l : rename.apply(l.substring(0, colon)) + l.substring(colon);
        });
        return this;
    }

    /** Rewrites every header line "Name: value" as "Name:value" (no space). */
    Req tight() {
        lines.replaceAll(l -> l.replaceFirst(": ", ":"));
        return this;
    }

    /** Rewrites every header line with spaces and tabs around the value. */
    Req loose() {
        lines.replaceAll(l -> l.replaceFirst(": ", ": \t  ") + "  \t");
        return this;
    }

    /** Line endings: CRLF by default. */
    Req eol(String value) {
        eol = value;
        return this;
    }

    Req body(String value) {
        body = value;
        return this;
    }

    private int indexOf(String name) {
        for (int i = 0; i < lines.size(); i++) {
            if (nameOf(lines.get(i)).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String nameOf(String line) {
        int colon = line.indexOf(':');
        return colon < 0 ? line : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    }

    String text() {
        StringBuilder out = new StringBuilder();
        out.append(method).append(' ').append(target).append(' ').append(version).append(eol);
        for (String l : lines) {
            out.append(l).append(eol);
        }
        return out.append(eol).append(body).toString();
    }

    @Override
    public String toString() {
        return text().replace("\r", "\\r").replace("\n", "\\n").replace("\0", "\\0");
    }
}
