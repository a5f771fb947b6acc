/** Latency histograms and process statistics (CPU, memory). */
package io.switchboard.bench.measure;
