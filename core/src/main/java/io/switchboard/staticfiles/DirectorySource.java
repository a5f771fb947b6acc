package io.switchboard.staticfiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files of a directory on disk, read on every request so that an edited page shows at the next reload. A path that
 * leaves the directory, also through a symbolic link, is {@link Lookup.Missing}.
 */
final class DirectorySource implements FileSource {
    private final Path root;

    DirectorySource(Path directory) {
        try {
            this.root = directory.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("static directory " + directory.toAbsolutePath() + " cannot be read", e);
        }
    }

    @Override
    public Lookup find(String relative) {
        // A directory's page is its index.html, and so is its type (not that of the path asked for).
        String name = relative.isEmpty() || relative.endsWith("/") ? relative + "index.html" : relative;
        Path path = root.resolve(name).normalize();
        if (!path.startsWith(root)) {
            return Lookup.MISSING;
        }
        try {
            Path real = path.toRealPath();
            if (!real.startsWith(root)) {
                return Lookup.MISSING;
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isDirectory()) {
                return Files.isRegularFile(real.resolve("index.html")) ? Lookup.DIRECTORY : Lookup.MISSING;
            }
            if (!attributes.isRegularFile()) {
                return Lookup.MISSING;
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                return new Lookup.TooLarge(attributes.size());
            }
            byte[] content = Files.readAllBytes(real);
            long modified = attributes.lastModifiedTime().toMillis();
            String etag = "\"" + Long.toHexString(content.length) + "-" + Long.toHexString(modified) + "\"";
            return new Lookup.Found(new StaticFile(content, ContentTypes.of(name), etag, modified));
        } catch (NoSuchFileException e) {
            return Lookup.MISSING;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    @Override
    public String describe() {
        return root.toString();
    }
}
