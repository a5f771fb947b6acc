package io.switchboard.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The access log's own writer: nothing lost or torn between threads, and writers never blocked by its output. */
class StdoutAccessLogSinkTest {

    @Test
    void linesFromManyThreadsArriveWholeAndAllOfThem() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StdoutAccessLogSink sink = new StdoutAccessLogSink(bytes, 5);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            threads.add(new Thread(() -> {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < 20_000; i++) {
                    line.setLength(0);
                    line.append("{\"t\":").append(thread).append(",\"i\":").append(i).append(",\"pad\":\"")
                            .append("é".repeat(i % 7)).append("\"}");
                    sink.write(line);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        sink.close();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(80_000);
        Set<String> distinct = new HashSet<>(List.of(lines));
        assertThat(distinct).hasSize(80_000).allMatch(l -> l.startsWith("{\"t\":") && l.endsWith("\"}"));
    }

    @Test
    @Timeout(120) // were writers blocked by the stalled output, this would never return
    void aStalledOutputDropsLinesInsteadOfBlockingWriters() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream stalled = new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                written.write(b, off, len);
            }
        };
        StdoutAccessLogSink sink = new StdoutAccessLogSink(stalled, 1);
        String line = "x".repeat(1000);
        long lines = StdoutAccessLogSink.MAX_PENDING_CHARS / 1000 * 2; // twice what it may hold
        for (long i = 0; i < lines; i++) {
            sink.write(line); // the output is stalled all along
        }
        release.countDown();
        sink.close();
        String out = written.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("{\"accessLogLinesDropped\":");
        long kept = out.lines().filter(l -> l.equals(line)).count();
        assertThat(kept).isPositive().isLessThan(lines);
    }
}
