/** Video chat (seed 001): rooms of up to four, WebRTC signalling relayed through the gateway. */
package io.switchboard.examples.videochat;
