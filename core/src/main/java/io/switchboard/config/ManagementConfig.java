package io.switchboard.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who may call the management API ({@code /{stage}/@connections}, {@code @groups}, …).
 *
 * <p>Secure by default: with no credentials, only unsigned or signed calls from the loopback interface are accepted
 * (backends on the same machine); every other caller gets 403. With credentials, every call, loopback included, must
 * carry a valid AWS Signature Version 4 made with one of them, as the AWS SDKs' {@code ApiGatewayManagementApi}
 * clients sign.
 *
 * @param credentials the access keys whose signatures are accepted
 * @param region      the only region accepted in a signature's scope; empty accepts any region
 */
public record ManagementConfig(List<Credential> credentials, Optional<String> region) {

    /** No keys: loopback callers only. */
    public static final ManagementConfig DEFAULTS = new ManagementConfig(List.of(), Optional.empty());

    public ManagementConfig {
        credentials = List.copyOf(credentials);
    }

    /**
     * An access key pair for SigV4.
     *
     * @param accessKeyId     the public part, sent in the {@code Credential=} of every signed request
     * @param secretAccessKey the secret; never logged ({@link #toString()} hides it)
     */
    public record Credential(String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Credential[accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
        }
    }

    static ManagementConfig read(ConfigNode n) {
        List<Credential> credentials = n.list("credentials", c -> {
            String id = c.requiredString("access-key-id");
            String secret = c.requiredString("secret-access-key");
            if (!id.isEmpty() && !id.matches("[A-Za-z0-9]{4,128}")) {
                c.problem("access-key-id", "may contain only letters and digits (4 to 128)");
            }
            if (!secret.isEmpty() && secret.length() < 16) {
                c.problem("secret-access-key", "must be at least 16 characters long");
            }
            return new Credential(id, secret);
        });
        Set<String> ids = new HashSet<>();
        for (Credential c : credentials) {
            if (!c.accessKeyId().isEmpty() && !ids.add(c.accessKeyId())) {
                n.problem("credentials", "access key " + c.accessKeyId() + " is listed twice");
            }
        }
        Optional<String> region = n.optionalString("region").filter(r -> !r.isBlank());
        region.filter(r -> !r.matches("[a-z0-9-]{1,64}"))
                .ifPresent(r -> n.problem("region", "'" + r + "' is not a region name such as us-east-1"));
        return new ManagementConfig(credentials, region);
    }
}
