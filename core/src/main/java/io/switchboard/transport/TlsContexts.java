package io.switchboard.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.switchboard.config.ConfigException;
import io.switchboard.config.TlsConfig;
import javax.net.ssl.SSLException;

/** Builds the server's TLS context from PEM files; TLS 1.2 and 1.3 only, as API Gateway. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SslContext server(TlsConfig tls) {
        try {
            return SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile())
                    .protocols("TLSv1.3", "TLSv1.2")
                    .build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("server.tls", "cannot use the certificate and key: " + e.getMessage()
                    + " (the key must be PKCS#8 PEM, as 'openssl genpkey' writes)");
        }
    }
}
