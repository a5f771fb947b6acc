package io.switchboard.staticfiles;

import java.util.Optional;

/**
 * Decides which decoded URL paths may name a file. Refused: {@code .} and {@code ..} segments (traversal), empty
 * segments, segments starting with a dot (hidden files such as {@code .git} or {@code .env}), backslashes, colons
 * (Windows drive letters and streams) and control characters. Refused paths are answered 404, like missing files,
 * so probing tells an attacker nothing.
 */
final class SafePaths {

    private SafePaths() {
    }

    /**
     * The relative path with {@code index.html} appended for a directory, or empty when the path is refused.
     *
     * @param relative the decoded path below the mount point, without a leading {@code /}
     */
    static Optional<String> check(String relative) {
        if (relative.isEmpty()) {
            return Optional.of(relative);
        }
        String[] segments = relative.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean last = i == segments.length - 1;
            if (segment.isEmpty() && last) {
                continue; // a trailing slash: a directory
            }
            if (segment.isEmpty() || segment.startsWith(".")) {
                return Optional.empty();
            }
            for (int c = 0; c < segment.length(); c++) {
                char ch = segment.charAt(c);
                if (ch < 0x20 || ch == 0x7f || ch == '\\' || ch == ':') {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(relative);
    }
}
