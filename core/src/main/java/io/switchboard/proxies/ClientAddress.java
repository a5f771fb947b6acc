package io.switchboard.proxies;

/**
 * Who sent a request, as far as the gateway can tell.
 *
 * @param ip    the client's address: the socket's peer, or the one a trusted proxy reports
 * @param local whether the client is on this machine: a loopback address that no untrusted forwarding header
 *              contradicts. What the unsigned management API and the development issuer's token endpoint require
 */
public record ClientAddress(String ip, boolean local) {
}
