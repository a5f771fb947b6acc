package io.switchboard.testing;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/** The real AWS SDK for Java v2 management client, pointed at a test gateway's stage as users point it at AWS. */
public final class ManagementClients {
    public static final String ACCESS_KEY = "AKIDSWITCHBOARDTEST";
    public static final String SECRET_KEY = "test-secret-key-0123456789abcdef";
    /** {@code management:} YAML accepting {@link #ACCESS_KEY}. */
    public static final String CREDENTIALS_YAML = "management: {credentials: [{access-key-id: " + ACCESS_KEY
            + ", secret-access-key: " + SECRET_KEY + "}]}\n";

    private ManagementClients() {
    }

    /** A client signing with the test key, for {@code http://127.0.0.1:port/{stage}}. */
    public static ApiGatewayManagementApiClient client(TestGateway gw, String stage) {
        return client(gw, stage, SECRET_KEY);
    }

    public static ApiGatewayManagementApiClient client(TestGateway gw, String stage, String secret) {
        return ApiGatewayManagementApiClient.builder()
                .endpointOverride(URI.create(gw.server().httpUri() + "/" + stage))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
                .httpClient(ApacheHttpClient.create())
                .build();
    }
}
