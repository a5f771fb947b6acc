package io.switchboard.staticfiles;

/** Where a static mount's files come from. Lookups may block: they run on the static-file threads. */
interface FileSource {

    /** Files larger than this are not served (static serving is for an app's pages and assets, not media). */
    long MAX_FILE_BYTES = 32L * 1024 * 1024;

    /**
     * Looks a file up.
     *
     * @param relative a path checked by {@link SafePaths}: segments without {@code .}, {@code ..}, backslashes or
     *                 leading dots, never starting with {@code /}; empty or ending with {@code /} for a directory
     */
    Lookup find(String relative);

    /** A human description for logs, such as {@code classpath:/web}. */
    String describe();
}
