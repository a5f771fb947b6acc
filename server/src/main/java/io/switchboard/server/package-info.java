/** The command line ({@code ./switchboard start | check-config | gen-token}); uses core's root and config packages. */
package io.switchboard.server;
