package io.switchboard.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** An HTTP response as read off the wire; status -1 when the server closed without answering. */
record HttpReply(int status, String head, List<String[]> headers, byte[] body) {

    static HttpReply closedWithoutAnswer() {
        return new HttpReply(-1, "", List.of(), new byte[0]);
    }

    static HttpReply parseHead(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            if (!statusLine[0].startsWith("HTTP/")) {
                throw new NumberFormatException();
            }
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            throw new AssertionError("not an HTTP response: " + head);
        }
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
        }
        return new HttpReply(status, head, List.copyOf(headers), new byte[0]);
    }

    HttpReply withBody(byte[] content) {
        return new HttpReply(status, head, headers, content);
    }

    /** The first value of a header, by case-insensitive name; null when absent. */
    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    boolean closesConnection() {
        String connection = header("connection");
        return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }

    @Override
    public String toString() {
        if (status < 0) {
            return "no answer (the server closed the connection)";
        }
        String first = head.split("\r\n", 2)[0];
        String text = bodyText();
        return first + (text.isEmpty() ? "" : " " + (text.length() > 200 ? text.substring(0, 200) + "…" : text));
    }
}
