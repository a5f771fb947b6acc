/**
 * The example apps' handlers, written as a user writes them: against the handler API only ({@code
 * ExamplesUseOnlyTheApiTest} checks it).
 */
package io.switchboard.examples;
