/**
 * Meetings with chat (seed 000): a host admits who asks to join; the handlers share one store, registered by name
 * ({@link io.switchboard.examples.meetings.MeetingHandlers}).
 */
package io.switchboard.examples.meetings;
