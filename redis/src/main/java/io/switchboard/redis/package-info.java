/**
 * The Redis engine ({@code engine.type: redis}): every store of the engine SPI and the node bus on one Redis server,
 * through Lettuce, so that any number of gateways sharing it act as one. Multi-key changes are Lua scripts (one
 * atomic step each); events and node commands travel on pub/sub. May use the engine SPI and the stores' types in
 * core; nothing in core depends on it (it is found through {@code META-INF/services}).
 */
package io.switchboard.redis;
