/** The benchmark runner: Switchboard and its peers side by side in one run (bench/README.md). */
package io.switchboard.bench;
