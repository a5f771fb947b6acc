package io.switchboard.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A directory of files served over plain HTTP under a URL path: a web app's pages, scripts and styles.
 *
 * @param path         the URL prefix, starting and ending with {@code /} ({@code /} serves from the root)
 * @param directory    a directory on disk; empty when the files come from the classpath
 * @param classpath    the classpath folder ({@code web} for {@code classpath:/web}); empty for a directory on disk
 * @param cacheControl the {@code Cache-Control} header of every file; {@code no-cache} by default, so browsers
 *                     revalidate with the {@code ETag} and see a changed page at once
 */
public record StaticConfig(String path, Optional<Path> directory, Optional<String> classpath, String cacheControl) {

    /** The prefix of a {@code dir} that names a classpath folder. */
    public static final String CLASSPATH_PREFIX = "classpath:";

    static StaticConfig read(ConfigNode n) {
        String path = n.requiredString("path");
        if (!path.isEmpty() && (!path.startsWith("/") || path.contains("//") || path.contains("/./")
                || path.contains("/../") || path.endsWith("/..") || path.endsWith("/.") || path.contains("?")
                || path.contains("#") || path.contains("\\"))) {
            n.problem("path", "must be a URL path starting with '/' without '.', '..', '//', '?' or '#', not '"
                    + path + "'");
        }
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        String dir = n.requiredString("dir");
        String cacheControl = n.string("cache-control", "no-cache");
        if (cacheControl.isBlank() || cacheControl.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            n.problem("cache-control", "must be a printable ASCII header value");
        }
        if (dir.startsWith(CLASSPATH_PREFIX)) {
            String folder = dir.substring(CLASSPATH_PREFIX.length()).replaceAll("^/+|/+$", "");
            if (folder.isEmpty() || folder.contains("..") || folder.contains("\\")) {
                n.problem("dir", "must name a classpath folder, as in classpath:/web, not '" + dir + "'");
            }
            return new StaticConfig(path, Optional.empty(), Optional.of(folder), cacheControl);
        }
        Optional<Path> dirPath = n.path("dir", dir.isEmpty() ? "." : dir); // relative: to the configuration file
        Path directory = dirPath.orElse(Path.of("."));
        if (!dir.isEmpty() && dirPath.isPresent() && !Files.isDirectory(directory)) {
            n.problem("dir", "is not a directory: " + directory.toAbsolutePath());
        }
        return new StaticConfig(path, Optional.of(directory), Optional.empty(), cacheControl);
    }
}
