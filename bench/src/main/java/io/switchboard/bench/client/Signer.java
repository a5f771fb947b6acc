package io.switchboard.bench.client;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Signs management calls with the AWS SDK's own SigV4 signer, as a backend using the SDK would. */
public final class Signer {
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity identity;

    public Signer(String accessKeyId, String secretAccessKey) {
        this.identity = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
    }

    /** The headers to add ({@code Authorization}, {@code X-Amz-Date}, …), without {@code Host}. */
    public Map<String, String> headers(String method, URI uri, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri).build();
        SdkHttpRequest signed = signer.sign(r -> r.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "execute-api")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.systemUTC())).request();
        Map<String, String> headers = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return headers;
    }
}
