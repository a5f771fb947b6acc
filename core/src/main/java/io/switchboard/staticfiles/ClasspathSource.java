package io.switchboard.staticfiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files of a classpath folder ({@code classpath:/web}), such as the pages bundled in the server jar. They do not
 * change while the server runs, so a file is read once and kept; only files that exist are kept, so probing for
 * missing paths costs no memory. The {@code ETag} is a hash of the content.
 */
final class ClasspathSource implements FileSource {
    private final ClassLoader loader;
    private final String folder;
    private final long startedAt = System.currentTimeMillis();
    private final Map<String, Lookup> found = new ConcurrentHashMap<>();

    ClasspathSource(ClassLoader loader, String folder) {
        this.loader = loader;
        this.folder = folder;
    }

    /** Whether the folder has anything to serve, for a warning at start. */
    boolean looksEmpty() {
        return loader.getResource(folder + "/index.html") == null && loader.getResource(folder) == null
                && loader.getResource(folder + "/") == null;
    }

    @Override
    public Lookup find(String relative) {
        String name = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        Lookup known = found.get(name);
        if (known != null) {
            return known;
        }
        Lookup lookup = load(name);
        if (!(lookup instanceof Lookup.Missing)) {
            found.put(name, lookup);
        }
        return lookup;
    }

    private Lookup load(String name) {
        URL url = loader.getResource(folder + "/" + name);
        if (url == null || isDirectory(url)) {
            return loader.getResource(folder + "/" + name + "/index.html") != null ? Lookup.DIRECTORY : Lookup.MISSING;
        }
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            if (size > MAX_FILE_BYTES) {
                return new Lookup.TooLarge(size);
            }
            byte[] content;
            try (InputStream in = connection.getInputStream()) {
                content = in.readNBytes((int) MAX_FILE_BYTES + 1);
            }
            if (content.length > MAX_FILE_BYTES) {
                return new Lookup.TooLarge(content.length);
            }
            long modified = connection.getLastModified() > 0 ? connection.getLastModified() : startedAt;
            return new Lookup.Found(new StaticFile(content, ContentTypes.of(name), etag(content), modified));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
    }

    /** Class loaders also return directories; they are never files to send. */
    private static boolean isDirectory(URL url) {
        try {
            if (url.getProtocol().equals("file")) {
                return Files.isDirectory(Path.of(url.toURI()));
            }
            if (url.openConnection() instanceof JarURLConnection jar) {
                return jar.getJarEntry() == null || jar.getJarEntry().isDirectory();
            }
            return url.getPath().endsWith("/");
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            return true;
        }
    }

    private static String etag(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public String describe() {
        return "classpath:/" + folder;
    }
}
