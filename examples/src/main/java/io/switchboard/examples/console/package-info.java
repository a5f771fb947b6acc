/** The real-time console's backend (seed 003, SUMU): presence, topics, queues and the pusher. */
package io.switchboard.examples.console;
