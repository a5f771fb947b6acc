/** The soak run: many connections for a long time, memory and latency sampled. */
package io.switchboard.bench.soak;
