/** Peer servers built here (raw Netty, the fair limit). */
package io.switchboard.bench.peer;
