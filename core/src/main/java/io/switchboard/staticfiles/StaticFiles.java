package io.switchboard.staticfiles;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.switchboard.config.StaticConfig;
import io.switchboard.handler.GatewayError;
import io.switchboard.http.HttpEndpoint;
import io.switchboard.http.HttpResponses;
import io.switchboard.http.RoutedRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the directories of {@code server.static} over plain HTTP: {@code GET} and {@code HEAD}, an
 * {@code index.html} for a directory (a directory named without its slash is redirected to it), {@code ETag},
 * {@code Last-Modified} and {@code Cache-Control} with {@code 304} answers to conditional requests, a content type
 * by extension with {@code X-Content-Type-Options: nosniff}, and 404 for missing or refused paths
 * ({@link SafePaths}).
 *
 * <p>Files are read on two {@code switchboard-static-*} threads, never on an event loop; the answer hops back to the
 * request's event loop. When those threads and their queue are full the answer is 503.
 */
public final class StaticFiles implements AutoCloseable, HttpEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(StaticFiles.class);
    private static final int THREADS = 2;
    private static final int QUEUE = 1024;
    private static final String ALLOWED = "GET, HEAD";

    private record Mount(String path, FileSource source, String cacheControl) {
    }

    private final List<Mount> mounts;
    private final ThreadPoolExecutor threads;

    private StaticFiles(List<Mount> mounts) {
        this.mounts = mounts;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, "switchboard-static-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Builds the mounts of a configuration; none serves nothing. */
    public static StaticFiles create(List<StaticConfig> configs) {
        ClassLoader loader = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
                .orElse(StaticFiles.class.getClassLoader());
        List<Mount> mounts = new ArrayList<>();
        for (StaticConfig config : configs) {
            FileSource source;
            if (config.classpath().isPresent()) {
                ClasspathSource classpath = new ClasspathSource(loader, config.classpath().get());
                if (classpath.looksEmpty()) {
                    LOG.warn("static path {}: classpath:/{} has no index.html; is it on the classpath?",
                            config.path(), config.classpath().get());
                }
                source = classpath;
            } else {
                source = new DirectorySource(config.directory().orElseThrow());
            }
            mounts.add(new Mount(config.path(), source, config.cacheControl()));
        }
        mounts.sort(Comparator.comparingInt((Mount m) -> m.path().length()).reversed());
        return new StaticFiles(List.copyOf(mounts));
    }

    /** Whether a decoded path is under a static mount (or names a mount without its trailing slash). */
    public boolean serves(String path) {
        return mountOf(path).isPresent();
    }

    private Optional<Mount> mountOf(String path) {
        for (Mount mount : mounts) {
            if (path.startsWith(mount.path()) || (path + "/").equals(mount.path())) {
                return Optional.of(mount);
            }
        }
        return Optional.empty();
    }

    /**
     * Answers a request for a path that {@link #serves}; the caller releases the request.
     *
     * @param path the percent-decoded path
     */
    public void serve(ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
        Mount mount = mountOf(path).orElseThrow();
        HttpMethod method = request.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            FullHttpResponse response = HttpResponses.errorResponse(GatewayError.METHOD_NOT_ALLOWED);
            response.headers().set(HttpHeaderNames.ALLOW, ALLOWED);
            HttpResponses.send(ctx, response, keepAlive);
            return;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        String rawPath = query < 0 ? uri : uri.substring(0, query);
        String queryString = query < 0 ? "" : uri.substring(query);
        if (path.length() < mount.path().length()) { // the mount itself without its slash
            redirect(ctx, rawPath + "/" + queryString, keepAlive);
            return;
        }
        Optional<String> relative = SafePaths.check(path.substring(mount.path().length()));
        if (relative.isEmpty()) {
            HttpResponses.error(ctx, GatewayError.NOT_FOUND, keepAlive);
            return;
        }
        Conditions conditions = Conditions.of(request.headers());
        boolean head = method.equals(HttpMethod.HEAD);
        try {
            threads.execute(() -> {
                Lookup lookup;
                try {
                    lookup = mount.source().find(relative.get());
                } catch (RuntimeException e) {
                    LOG.warn("static file {} of {} cannot be read", relative.get(), mount.source().describe(), e);
                    lookup = null;
                }
                Lookup result = lookup;
                ctx.executor().execute(() -> answer(ctx, mount, result, conditions, head, rawPath + "/" + queryString,
                        keepAlive));
            });
        } catch (RejectedExecutionException e) {
            HttpResponses.error(ctx, GatewayError.OVERLOADED, keepAlive);
        }
    }

    private static void answer(ChannelHandlerContext ctx, Mount mount, Lookup lookup, Conditions conditions,
                               boolean head, String directoryLocation, boolean keepAlive) {
        if (lookup == null) {
            HttpResponses.error(ctx, GatewayError.INTERNAL_ERROR, keepAlive);
        } else if (lookup instanceof Lookup.Directory) {
            redirect(ctx, directoryLocation, keepAlive);
        } else if (lookup instanceof Lookup.TooLarge large) {
            LOG.warn("static file of {} not served: {} bytes is more than {}", mount.source().describe(),
                    large.size(), FileSource.MAX_FILE_BYTES);
            HttpResponses.error(ctx, GatewayError.INTERNAL_ERROR, keepAlive);
        } else if (lookup instanceof Lookup.Found found) {
            send(ctx, mount, found.file(), conditions, head, keepAlive);
        } else {
            HttpResponses.error(ctx, GatewayError.NOT_FOUND, keepAlive);
        }
    }

    private static void send(ChannelHandlerContext ctx, Mount mount, StaticFile file, Conditions conditions,
                             boolean head, boolean keepAlive) {
        boolean notModified = conditions.notModified(file);
        HttpResponseStatus status = notModified ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK;
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                notModified || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(file.content()));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.DATE, DateFormatter.format(new Date()));
        headers.set(HttpHeaderNames.ETAG, file.etag());
        headers.set(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(new Date(file.lastModified())));
        headers.set(HttpHeaderNames.CACHE_CONTROL, mount.cacheControl());
        if (!notModified) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
            headers.set("X-Content-Type-Options", "nosniff");
        }
        HttpResponses.prepare(response, keepAlive);
        if (notModified) {
            headers.remove(HttpHeaderNames.CONTENT_LENGTH);
        } else {
            HttpUtil.setContentLength(response, file.content().length); // HEAD: the length GET would send
        }
        HttpResponses.write(ctx, response, keepAlive);
    }

    private static void redirect(ChannelHandlerContext ctx, String location, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.MOVED_PERMANENTLY);
        response.headers().set(HttpHeaderNames.LOCATION, location);
        HttpResponses.send(ctx, response, keepAlive);
    }

    /** Stops the file threads. */
    @Override
    public void close() {
        threads.shutdownNow();
    }

    @Override
    public boolean serves(RoutedRequest request) {
        return serves(request.path());
    }

    @Override
    public void handle(ChannelHandlerContext ctx, RoutedRequest request) {
        serve(ctx, request.request(), request.path(), request.keepAlive());
    }
}
