/** The smallest handlers: echo, and the connection id page. */
package io.switchboard.examples.demo;
