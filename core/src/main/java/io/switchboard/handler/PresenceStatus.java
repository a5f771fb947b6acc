package io.switchboard.handler;

/** Whether a user has at least one open connection. */
public enum PresenceStatus { ONLINE, OFFLINE }
