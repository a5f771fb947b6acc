package io.switchboard.presence;

/** Whether a user has at least one open connection. */
public enum PresenceStatus { ONLINE, OFFLINE }
