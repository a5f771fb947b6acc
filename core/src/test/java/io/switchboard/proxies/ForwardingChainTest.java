package io.switchboard.proxies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.switchboard.config.IpRange;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How {@link TrustedProxies} reads a forwarding chain: the right-most address that no trusted proxy wrote, in each
 * header's syntax, and what {@link IpRange} accepts.
 */
class ForwardingChainTest {
    private static final TrustedProxies PROXIES = TrustedProxies.of(List.of(IpRange.parse("127.0.0.1"),
            IpRange.parse("10.0.0.0/8"), IpRange.parse("fd00::/8")));

    private static ClientAddress from(String peer, String... headers) {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headers.length; i += 2) {
            h.add(headers[i], headers[i + 1]);
        }
        return PROXIES.resolve(new InetSocketAddress(peer, 5000), h);
    }

    @Test
    void withoutForwardingHeadersThePeerIsTheClient() {
        assertThat(from("127.0.0.1")).isEqualTo(new ClientAddress("127.0.0.1", true));
        assertThat(from("203.0.113.5")).isEqualTo(new ClientAddress("203.0.113.5", false));
    }

    @Test
    void anUntrustedPeerWithForwardingHeadersIsThePeerAndNeverLocal() {
        TrustedProxies none = TrustedProxies.of(List.of());
        HttpHeaders h = new DefaultHttpHeaders().add("X-Forwarded-For", "127.0.0.1");
        assertThat(none.resolve(new InetSocketAddress("127.0.0.1", 1), h))
                .isEqualTo(new ClientAddress("127.0.0.1", false));
        assertThat(from("198.51.100.1", "X-Forwarded-For", "127.0.0.1"))
                .isEqualTo(new ClientAddress("198.51.100.1", false));
    }

    @Test
    void theRightMostUntrustedAddressIsTheClient() {
        assertThat(from("127.0.0.1", "X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.1.1").ip())
                .isEqualTo("203.0.113.9");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "6.6.6.6", "X-Forwarded-For", "203.0.113.9").ip())
                .isEqualTo("203.0.113.9"); // repeated headers are one list
        assertThat(from("127.0.0.1", "X-Forwarded-For", "10.0.0.1, 127.0.0.1"))
                .isEqualTo(new ClientAddress("10.0.0.1", false)); // proxies all the way: the first one
    }

    @Test
    void forwardedAndXRealIpAreReadInTheirOwnSyntax() {
        assertThat(from("127.0.0.1", "Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43").ip())
                .isEqualTo("192.0.2.60");
        assertThat(from("127.0.0.1", "Forwarded", "for=\"[2001:db8:cafe::17]:4711\"").ip())
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(from("127.0.0.1", "Forwarded", "for=198.51.100.2, for=\"[fd00::1]\"").ip())
                .isEqualTo("198.51.100.2");
        assertThat(from("127.0.0.1", "X-Real-IP", "198.51.100.3").ip()).isEqualTo("198.51.100.3");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "198.51.100.4:8443").ip()).isEqualTo("198.51.100.4");
        assertThat(from("127.0.0.1", "X-Forwarded-For", "[::1]:80")).isEqualTo(new ClientAddress("0:0:0:0:0:0:0:1",
                true));
    }

    @Test
    void whatIsNotAnAddressIsNotLocal() {
        for (String junk : new String[] {"unknown", "_hidden", "", "localhost", "127.0.0.1.evil", "1.2.3.4.5"}) {
            assertThat(from("127.0.0.1", "X-Forwarded-For", junk).local()).as(junk).isFalse();
            assertThat(from("127.0.0.1", "Forwarded", "for=" + junk).local()).as(junk).isFalse();
        }
        assertThat(from("127.0.0.1", "Forwarded", "proto=https").local()).isFalse();
    }

    @Test
    void rangesMatchTheirBlockOnly() {
        IpRange ten = IpRange.parse("10.0.0.0/8");
        assertThat(ten.contains(new byte[] {10, (byte) 255, 0, 1})).isTrue();
        assertThat(ten.contains(new byte[] {11, 0, 0, 1})).isFalse();
        assertThat(IpRange.parse("192.168.1.0/25").contains(new byte[] {(byte) 192, (byte) 168, 1, (byte) 128}))
                .isFalse();
        assertThat(IpRange.parse("::ffff:127.0.0.1").contains(new byte[] {127, 0, 0, 1})).isTrue();
        assertThat(IpRange.parse("0.0.0.0/0").contains(new byte[] {1, 2, 3, 4})).isTrue();
        assertThat(IpRange.parse("::/0").contains(new byte[] {1, 2, 3, 4})).isFalse(); // families never mix
        for (String bad : new String[] {"localhost", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/x", "::1/129", ""}) {
            assertThatThrownBy(() -> IpRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aBadEntryInTheConfigurationIsReportedAtItsPath() {
        assertThatThrownBy(() -> io.switchboard.config.ConfigLoader.withEnvironment(java.util.Map.of()).parse("""
                server: {trusted-proxies: [127.0.0.1, proxy.example.com]}
                apis: [{name: a, stage: a, routes: {$default: {integration: {type: mock, response-template: x}}}}]
                """)).isInstanceOf(io.switchboard.config.ConfigException.class)
                .satisfies(e -> assertThat(((io.switchboard.config.ConfigException) e).problems())
                        .anySatisfy(p -> assertThat(p.path()).isEqualTo("server.trusted-proxies[1]")));
    }
}
