package io.switchboard.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The access log's appender: each line is queued without waking anyone, and one thread writes the queue to standard
 * output every {@code flushMillis} (100 by default) through a 64 KB buffer. The access log has a line per message;
 * waking a writer thread for each (as logback's {@code AsyncAppender} does) or writing each line with its own system
 * call costs more than routing the message. The event loops never block on output: past {@code maxQueued} lines
 * (a stalled standard output) new lines are dropped and counted, and the count is written when output resumes.
 */
public final class AccessLogAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
            StandardCharsets.UTF_8), 64 * 1024);
    private long flushMillis = 100;
    private int maxQueued = 200_000;
    private Thread writer;

    public void setFlushMillis(long flushMillis) {
        this.flushMillis = flushMillis;
    }

    public void setMaxQueued(int maxQueued) {
        this.maxQueued = maxQueued;
    }

    @Override
    public void start() {
        writer = new Thread(this::writeLoop, "switchboard-access-log");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (queued.incrementAndGet() > maxQueued) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(event.getFormattedMessage());
    }

    private void writeLoop() {
        while (isStarted() || !queue.isEmpty()) {
            drain();
            try {
                Thread.sleep(flushMillis);
            } catch (InterruptedException e) {
                drain();
                return;
            }
        }
    }

    private void drain() {
        try {
            for (String line = queue.poll(); line != null; line = queue.poll()) {
                queued.decrementAndGet();
                out.write(line);
                out.write('\n');
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.write("{\"accessLogLinesDropped\":" + lost + "}\n");
            }
            out.flush();
        } catch (IOException e) {
            addError("cannot write the access log", e);
        }
    }

    @Override
    public void stop() {
        super.stop();
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
