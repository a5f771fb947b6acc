/** The broadcast API: receivers listen on a key, senders post to it over HTTP. */
package io.switchboard.examples.broadcast;
