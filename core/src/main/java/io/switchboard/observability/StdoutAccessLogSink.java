package io.switchboard.observability;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log on standard output, built for a line per message: each thread appends its lines to a buffer of its
 * own (under a lock only the writer ever contends for), full buffers are handed to one writer thread, which also
 * collects the partly filled ones every {@code flushMillis}. No thread is woken and no system call made per line,
 * and a thread writing lines never blocks: when output stalls and {@value #MAX_PENDING_CHARS} characters wait, new
 * lines are dropped and counted, and the count is written once output resumes.
 */
public final class StdoutAccessLogSink implements AccessLogSink {
    private static final Logger LOG = LoggerFactory.getLogger(StdoutAccessLogSink.class);
    private static final int CHUNK = 32 * 1024;
    static final long MAX_PENDING_CHARS = 32L * 1024 * 1024;

    private final Writer out;
    private final long flushMillis;
    private final Set<Chunk> chunks = ConcurrentHashMap.newKeySet();
    private final ThreadLocal<Chunk> mine = ThreadLocal.withInitial(this::newChunk);
    private final ConcurrentLinkedQueue<String> full = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean open = true;

    private static final class Chunk {
        final StringBuilder text = new StringBuilder(CHUNK + 1024);
    }

    /** Writes to {@code stream} (standard output in the server) every {@code flushMillis}. */
    public StdoutAccessLogSink(OutputStream stream, long flushMillis) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 64 * 1024);
        this.flushMillis = flushMillis;
        this.writer = new Thread(this::run, "switchboard-access-log");
        writer.setDaemon(true);
        writer.start();
    }

    private Chunk newChunk() {
        Chunk c = new Chunk();
        chunks.add(c);
        return c;
    }

    @Override
    public void write(CharSequence line) {
        if (pending.get() > MAX_PENDING_CHARS) {
            dropped.incrementAndGet();
            return;
        }
        Chunk c = mine.get();
        synchronized (c) {
            c.text.append(line).append('\n');
            if (c.text.length() >= CHUNK) {
                hand(c);
            }
        }
    }

    /** Moves a chunk's text to the writer's queue; the caller holds the chunk's lock. */
    private void hand(Chunk c) {
        String text = c.text.toString();
        c.text.setLength(0);
        pending.addAndGet(text.length());
        full.offer(text);
    }

    private void run() {
        while (open) {
            try {
                Thread.sleep(flushMillis);
            } catch (InterruptedException e) {
                break; // close() wants a last drain
            }
            drain();
        }
        drain();
    }

    private void drain() {
        for (Chunk c : chunks) {
            synchronized (c) {
                if (c.text.length() > 0) {
                    hand(c);
                }
            }
        }
        try {
            for (String text = full.poll(); text != null; text = full.poll()) {
                out.write(text);
                pending.addAndGet(-text.length());
            }
            long lost = dropped.getAndSet(0);
            if (lost > 0) {
                out.write("{\"accessLogLinesDropped\":" + lost + "}\n");
            }
            out.flush();
        } catch (IOException e) {
            LOG.warn("cannot write the access log: {}", e.toString());
        }
    }

    /** Writes out every line written so far and stops the writer thread. */
    @Override
    public void close() {
        open = false;
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
