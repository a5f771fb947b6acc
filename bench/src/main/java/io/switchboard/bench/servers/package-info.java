/** Starting and stopping the servers under test, each in its own process. */
package io.switchboard.bench.servers;
