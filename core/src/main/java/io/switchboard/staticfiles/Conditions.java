package io.switchboard.staticfiles;

import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Date;
import java.util.Optional;

/**
 * The validators of a conditional GET (RFC 9110 §13): {@code If-None-Match} wins over {@code If-Modified-Since},
 * which is compared at one-second precision, as HTTP dates have it.
 */
record Conditions(Optional<String> ifNoneMatch, Optional<Date> ifModifiedSince) {

    static Conditions of(HttpHeaders headers) {
        return new Conditions(Optional.ofNullable(headers.get(HttpHeaderNames.IF_NONE_MATCH)),
                Optional.ofNullable(headers.get(HttpHeaderNames.IF_MODIFIED_SINCE)).map(DateFormatter::parseHttpDate));
    }

    /** Whether the client's copy is current, so the answer is 304 without a body. */
    boolean notModified(StaticFile file) {
        if (ifNoneMatch.isPresent()) {
            for (String tag : ifNoneMatch.get().split(",")) {
                String candidate = tag.trim();
                if (candidate.startsWith("W/")) {
                    candidate = candidate.substring(2); // weak comparison, as GET allows
                }
                if (candidate.equals("*") || candidate.equals(file.etag())) {
                    return true;
                }
            }
            return false;
        }
        return ifModifiedSince.map(since -> file.lastModified() / 1000 <= since.getTime() / 1000).orElse(false);
    }
}
