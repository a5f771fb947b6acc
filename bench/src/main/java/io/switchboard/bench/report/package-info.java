/** Reports of a run: tables, charts and the environment they were measured in. */
package io.switchboard.bench.report;
