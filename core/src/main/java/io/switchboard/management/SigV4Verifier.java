package io.switchboard.management;

import io.switchboard.config.ManagementConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 ({@code AWS4-HMAC-SHA256} in the {@code Authorization} header) as API Gateway's
 * management endpoint does for service {@code execute-api}: the canonical request is rebuilt from the request as
 * received, {@code host} and {@code x-amz-date} must be signed, the payload hash is the body's, the time must be
 * within five minutes, and signatures are compared in constant time.
 *
 * <p>The path is accepted in the canonical forms clients produce: encoded again (the AWS SDKs, which encode an
 * already encoded path for every service but S3), decoded and encoded once (single-encoding signers), and as sent
 * (curl 7's {@code --aws-sigv4}). Each is derived from the path actually received, so none lets a signature cover
 * another resource.
 */
public final class SigV4Verifier {
    /** AWS's clock window for SigV4. */
    public static final Duration CLOCK_WINDOW = Duration.ofMinutes(5);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "execute-api";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final HexFormat HEX = HexFormat.of();

    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    });
    /** Most signing keys kept: a key id, a day and a region each; more than a deployment uses in a day. */
    static final int MAX_CACHED_KEYS = 64;
    /** What AWS region names look like ({@code us-east-1}, {@code us-gov-west-1}, {@code local}). */
    private static final java.util.regex.Pattern REGION = java.util.regex.Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_REGION_LENGTH = 32;

    /**
     * Derived signing keys by key id, date and region: four HMACs saved on every call of the same day. Only keys that
     * verified a signature are kept, so a caller who knows a key id but not its secret cannot fill it.
     */
    private final Map<String, byte[]> signingKeys = new java.util.concurrent.ConcurrentHashMap<>();

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Optional<String> region;
    private final Clock clock;

    public SigV4Verifier(ManagementConfig config, Clock clock) {
        config.credentials().forEach(c -> secrets.put(c.accessKeyId(), c.secretAccessKey()));
        this.region = config.region();
        this.clock = clock;
    }

    /** The parts of a request that a signature covers. */
    public interface SignedRequest {
        String method();

        /** The request target as received: the raw, still encoded path and query. */
        String rawUri();

        /** Every value of a header, in order; empty when absent. */
        List<String> headers(String name);

        /** SHA-256 of the body. */
        byte[] bodySha256();
    }

    /** Why the request is refused, or empty when its signature is valid. */
    public Optional<String> rejection(SignedRequest request) {
        List<String> authorizations = request.headers("authorization");
        if (authorizations.isEmpty()) {
            return Optional.of("Missing Authentication Token");
        }
        if (authorizations.size() > 1 || !authorizations.get(0).startsWith(ALGORITHM + " ")) {
            return Optional.of("Authorization header requires the " + ALGORITHM + " algorithm");
        }
        Map<String, String> auth = parameters(authorizations.get(0).substring(ALGORITHM.length() + 1));
        String credential = auth.get("Credential");
        String signedHeaders = auth.get("SignedHeaders");
        String signature = auth.get("Signature");
        if (credential == null || signedHeaders == null || signature == null) {
            return Optional.of("Authorization header requires Credential, SignedHeaders and Signature");
        }
        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            return Optional.of("Credential must be accessKey/date/region/service/aws4_request");
        }
        String secret = secrets.get(scope[0]);
        if (secret == null) {
            return Optional.of("The security token included in the request is invalid");
        }
        if (!scope[3].equals(SERVICE)) {
            return Optional.of("Credential should be scoped to correct service: '" + SERVICE + "'");
        }
        if (region.isPresent() && !region.get().equals(scope[2])) {
            return Optional.of("Credential should be scoped to a valid region: '" + region.get() + "'");
        }
        if (scope[2].length() > MAX_REGION_LENGTH || !REGION.matcher(scope[2]).matches()) {
            return Optional.of("Credential should be scoped to a valid region");
        }
        List<String> signed = List.of(signedHeaders.split(";", -1));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return Optional.of("SignedHeaders must include host and x-amz-date");
        }
        if (!request.headers("x-amz-security-token").isEmpty() && !signed.contains("x-amz-security-token")) {
            return Optional.of("x-amz-security-token must be signed");
        }
        List<String> dates = request.headers("x-amz-date");
        if (dates.size() != 1) {
            return Optional.of("the request must carry one X-Amz-Date header");
        }
        String amzDate = dates.get(0).trim();
        Instant time;
        try {
            time = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Optional.of("X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z'");
        }
        if (!amzDate.startsWith(scope[1])) {
            return Optional.of("Credential date does not match X-Amz-Date");
        }
        Instant now = clock.instant();
        if (time.isBefore(now.minus(CLOCK_WINDOW)) || time.isAfter(now.plus(CLOCK_WINDOW))) {
            return Optional.of("Signature expired: " + amzDate + " is not within five minutes of the server's "
                    + "time " + AMZ_DATE.format(now.atOffset(ZoneOffset.UTC)));
        }
        String payloadHash = HEX.formatHex(request.bodySha256());
        List<String> declaredHash = request.headers("x-amz-content-sha256");
        if (!declaredHash.isEmpty() && !declaredHash.get(0).trim().equalsIgnoreCase(payloadHash)) {
            return Optional.of("x-amz-content-sha256 does not match the body");
        }
        Optional<String> headerBlock = canonicalHeaders(request, signed);
        if (headerBlock.isEmpty()) {
            return Optional.of("a signed header is missing from the request");
        }
        int q = request.rawUri().indexOf('?');
        String rawPath = q < 0 ? request.rawUri() : request.rawUri().substring(0, q);
        String query = canonicalQuery(q < 0 ? "" : request.rawUri().substring(q + 1));
        byte[] expected = HEX.parseHex(signature.length() == 64 && isHex(signature) ? signature : "00");
        String keyId = scope[0] + "/" + scope[1] + "/" + scope[2];
        byte[] cached = signingKeys.get(keyId);
        byte[] key = cached != null ? cached : signingKey(secret, scope[1], scope[2]);
        String scopeText = scope[1] + "/" + scope[2] + "/" + SERVICE + "/aws4_request";
        // The SDKs' form first; the others only when it does not match (they are rare), and only for paths that
        // decode without a '%': for those no other path's SDK form is spelled the same, so a signature for
        // /p/@connections/abc%3D (the SDK's /p/%40connections/abc%253D) never covers /p/%40connections/abc%253D.
        Set<String> paths = new LinkedHashSet<>();
        paths.add(SigV4Encoding.encodePath(rawPath));
        if (SigV4Encoding.decode(rawPath).indexOf('%') < 0) {
            paths.add(SigV4Encoding.reencodePath(rawPath));
            paths.add(rawPath.isEmpty() ? "/" : rawPath);
        }
        for (String path : paths) {
            String canonical = request.method() + "\n" + path + "\n" + query + "\n" + headerBlock.get() + "\n"
                    + signedHeaders + "\n" + payloadHash;
            String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
                    + HEX.formatHex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
            if (MessageDigest.isEqual(hmac(key, stringToSign), expected)) {
                if (cached == null) {
                    remember(keyId, key);
                }
                return Optional.empty();
            }
        }
        return Optional.of("The request signature we calculated does not match the signature you provided. Check "
                + "your AWS Secret Access Key and signing method.");
    }

    private static Map<String, String> parameters(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** {@code name:value\n} for each signed header, values trimmed and inner spaces collapsed. */
    private static Optional<String> canonicalHeaders(SignedRequest request, List<String> signed) {
        StringBuilder block = new StringBuilder();
        for (String name : signed) {
            List<String> values = request.headers(name);
            if (name.isEmpty() || values.isEmpty()) {
                return Optional.empty();
            }
            List<String> cleaned = new ArrayList<>(values.size());
            for (String v : values) {
                cleaned.add(collapseSpaces(v));
            }
            block.append(name).append(':').append(String.join(",", cleaned)).append('\n');
        }
        return Optional.of(block.toString());
    }

    /**
     * Parameters decoded, encoded the SigV4 way, sorted by name then value. The query is read as the endpoints read
     * it (Netty's {@code QueryStringDecoder}): {@code &} and {@code ;} separate parameters and {@code +} is a space,
     * so what the signature covers is what the call means ({@code ?a=;} is not {@code ?a=%3B}).
     */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String part : rawQuery.replace("+", "%20").split("[&;]")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(new String[] {SigV4Encoding.encode(SigV4Encoding.decode(name)),
                SigV4Encoding.encode(SigV4Encoding.decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder out = new StringBuilder();
        for (String[] p : pairs) {
            if (!out.isEmpty()) {
                out.append('&');
            }
            out.append(p[0]).append('=').append(p[1]);
        }
        return out.toString();
    }

    private static byte[] signingKey(String secret, String date, String region) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, SERVICE);
        return hmac(k, "aws4_request");
    }

    private void remember(String keyId, byte[] key) {
        if (signingKeys.size() >= MAX_CACHED_KEYS) { // yesterday's keys, mostly: start again
            signingKeys.clear();
        }
        signingKeys.put(keyId, key);
    }

    /** How many signing keys are cached, for tests. */
    int cachedSigningKeys() {
        return signingKeys.size();
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException("cannot use an HMAC key", e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** SHA-256 of a request body held in buffers. */
    static byte[] sha256(Iterable<java.nio.ByteBuffer> parts) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        parts.forEach(digest::update);
        return digest.digest();
    }

    /** A header value trimmed, with each run of white space inside made one space (SigV4's canonical form). */
    private static String collapseSpaces(String value) {
        String v = value.trim();
        boolean clean = true;
        for (int i = 0; i < v.length() && clean; i++) {
            char c = v.charAt(i);
            clean = c == ' ' ? i + 1 < v.length() && !Character.isWhitespace(v.charAt(i + 1))
                    : !Character.isWhitespace(c);
        }
        if (clean) {
            return v;
        }
        StringBuilder out = new StringBuilder(v.length());
        boolean lastSpace = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean space = Character.isWhitespace(c);
            if (!space || !lastSpace) {
                out.append(space ? ' ' : c);
            }
            lastSpace = space;
        }
        return out.toString();
    }


    /** ASCII hex digits only ({@link Character#digit} would take other scripts' digits too). */
    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }
}
