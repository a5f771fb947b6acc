package io.switchboard.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * TLS for the listener, from PEM files: the certificate chain and its PKCS#8 private key
 * ({@code openssl genpkey} writes PKCS#8). With TLS the server speaks {@code wss://} and {@code https://} only.
 */
public record TlsConfig(Path certificate, Path privateKey) {

    static TlsConfig read(ConfigNode n) {
        Path certificate = readableFile(n, "certificate");
        Path privateKey = readableFile(n, "private-key");
        return new TlsConfig(certificate, privateKey);
    }

    private static Path readableFile(ConfigNode n, String key) {
        Optional<Path> path = n.path(key, n.requiredString(key));
        Path file = path.orElse(Path.of(""));
        if (n.has(key) && path.isPresent() && !Files.isReadable(file)) {
            n.problem(key, "cannot read " + file.toAbsolutePath());
        }
        return file;
    }
}
