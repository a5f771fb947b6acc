/** The load clients: a WebSocket client on Netty, HTTP load and SigV4 signing. */
package io.switchboard.bench.client;
