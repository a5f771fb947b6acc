package io.switchboard.observability;

/** Where access log lines go. Called on event loops: an implementation must never block. */
public interface AccessLogSink extends AutoCloseable {

    /** One JSON line, without its newline; the sequence is only valid during the call. */
    void write(CharSequence line);

    /** Writes out what is buffered. */
    @Override
    void close();

    /** No access log. */
    AccessLogSink OFF = new AccessLogSink() {
        @Override
        public void write(CharSequence line) {
        }

        @Override
        public void close() {
        }
    };

    /** Through SLF4J, on the {@value AccessLog#LOGGER} logger, for whatever the logging configuration does with it. */
    static AccessLogSink logger() {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccessLog.LOGGER);
        return new AccessLogSink() {
            @Override
            public void write(CharSequence line) {
                if (log.isInfoEnabled()) {
                    log.info(line.toString());
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
