package io.switchboard.staticfiles;

/**
 * A file ready to send.
 *
 * @param content      the bytes
 * @param contentType  the {@code Content-Type}
 * @param etag         a strong validator, quoted as the {@code ETag} header wants it
 * @param lastModified epoch milliseconds, for {@code Last-Modified}
 */
record StaticFile(byte[] content, String contentType, String etag, long lastModified) {
}
