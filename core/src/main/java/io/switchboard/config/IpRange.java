package io.switchboard.config;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

/**
 * An address or a block of addresses: {@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code ::1}, {@code fd00::/8}. IPv4
 * and IPv6 never match each other (an IPv4-mapped IPv6 address is compared as IPv4). Parsed without name lookups:
 * only literals are accepted.
 */
public final class IpRange {
    private final byte[] network;
    private final int prefixBits;
    private final String text;

    private IpRange(byte[] network, int prefixBits, String text) {
        this.network = network;
        this.prefixBits = prefixBits;
        this.text = text;
    }

    /**
     * Parses an address or {@code address/prefix}.
     *
     * @throws IllegalArgumentException when it is neither
     */
    public static IpRange parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        byte[] address = literal(slash < 0 ? t : t.substring(0, slash)).orElseThrow(() ->
                new IllegalArgumentException("'" + text + "' is not an IP address or a CIDR block (a.b.c.d/n)"));
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.."
                        + address.length * 8);
            }
        }
        return new IpRange(mask(address, bits), bits, t);
    }

    /** The bytes of an IP literal (IPv4-mapped IPv6 as IPv4); empty for anything else, host names included. */
    public static Optional<byte[]> literal(String text) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            return Optional.empty();
        }
        return Optional.of(unmapped(bytes));
    }

    /** Whether the address is in this range. */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether the address, as bytes, is in this range. */
    public boolean contains(byte[] address) {
        byte[] a = unmapped(address);
        return a.length == network.length && Arrays.equals(mask(a, prefixBits), network);
    }

    private static byte[] unmapped(byte[] bytes) {
        if (bytes.length == 16) {
            boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = bytes[i] == 0;
            }
            if (mapped) {
                return Arrays.copyOfRange(bytes, 12, 16);
            }
        }
        return bytes;
    }

    private static byte[] mask(byte[] address, int bits) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }
}
