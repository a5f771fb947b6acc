package io.switchboard.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.switchboard.config.DevIssuerConfig;
import io.switchboard.config.Units;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * The development token issuer: signs ES256 tokens for any user name, so examples and tests can sign users in with no
 * outside service. The key lives in {@link DevIssuerConfig#keyFile()}, created on first use and readable by its owner
 * only; {@code switchboard gen-token} and the server read the same file, so their tokens verify against the same
 * JWKS. Deleting the file rotates the key (tokens signed before stop verifying).
 *
 * <p>For development only: whoever can call the token endpoint or read the key file can become any user.
 */
public final class DevIssuer {
    /** The {@code sub} of a token: a user name of letters, digits and {@code . _ @ -}, at most 128. */
    public static final String SUBJECT = "[A-Za-z0-9._@-]{1,128}";

    private final DevIssuerConfig config;
    private final ECKey key;
    private final Clock clock;

    private DevIssuer(DevIssuerConfig config, ECKey key, Clock clock) {
        this.config = config;
        this.key = key;
        this.clock = clock;
    }

    /**
     * Reads the key file, creating it with a new P-256 key when it does not exist yet.
     *
     * @throws IllegalStateException when the file cannot be read, written or parsed
     */
    public static DevIssuer load(DevIssuerConfig config) {
        return new DevIssuer(config, readOrCreate(config.keyFile()), Clock.systemUTC());
    }

    public DevIssuerConfig config() {
        return config;
    }

    /** The public key as a JWKS document, for {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /**
     * Signs a token for a user.
     *
     * @param subject the user name ({@link #SUBJECT})
     * @param ttl     how long the token is valid, at most {@code max-ttl}
     * @param claims  more claims (string, number or boolean values); registered claims cannot be overridden
     * @throws IllegalArgumentException for a bad subject, TTL or claim
     */
    public String mint(String subject, Duration ttl, Map<String, Object> claims) {
        if (!subject.matches(SUBJECT)) {
            throw new IllegalArgumentException("the user name must be 1 to 128 letters, digits, '.', '_', '@' or '-'");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(config.maxTtl()) > 0) {
            throw new IllegalArgumentException("the lifetime must be positive and at most "
                    + Units.format(config.maxTtl()));
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder();
        claims.forEach((name, value) -> {
            if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                throw new IllegalArgumentException("claim " + name + " must be a string, number or boolean");
            }
            set.claim(name, value);
        });
        set.issuer(config.issuer())
                .audience(config.audience())
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), set.build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign with the development key: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    private static ECKey readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            ECKey created = new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, ".dev-issuer", ".tmp");
            try {
                restrict(temp);
                Files.writeString(temp, created.toJSONString(), StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                return read(file); // another process (gen-token, a second server) created it first
            } finally {
                Files.deleteIfExists(temp);
            }
            return read(file);
        } catch (IOException | JOSEException e) {
            throw new IllegalStateException("cannot create the development issuer's key file " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static ECKey read(Path file) {
        try {
            ECKey key = ECKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate() || !Curve.P_256.equals(key.getCurve())) {
                throw new IllegalStateException("the development issuer's key file " + file
                        + " does not hold a private P-256 key; delete it to create a new one");
            }
            return key;
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("cannot read the development issuer's key file " + file + ": "
                    + e.getMessage() + "; delete it to create a new one", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the directory's own permissions apply
        }
    }
}
