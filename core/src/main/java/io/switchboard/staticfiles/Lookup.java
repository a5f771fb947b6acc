package io.switchboard.staticfiles;

/** What a relative path names in a {@link FileSource}. */
sealed interface Lookup {

    /** A file. */
    record Found(StaticFile file) implements Lookup {
    }

    /** A directory with an {@code index.html}, named without its trailing slash: redirect to it. */
    record Directory() implements Lookup {
    }

    /** Nothing servable: no such file, a directory without an index, or a path leaving the root. */
    record Missing() implements Lookup {
    }

    /** A file that exists but is larger than the server sends from memory. */
    record TooLarge(long size) implements Lookup {
    }

    Lookup MISSING = new Missing();
    Lookup DIRECTORY = new Directory();
}
