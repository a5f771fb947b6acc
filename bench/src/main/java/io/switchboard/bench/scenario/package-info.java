/** The measured scenarios (echo, rooms, broadcast, connects, management calls, idle memory). */
package io.switchboard.bench.scenario;
