package io.switchboard.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script: run by its SHA-1 ({@code EVALSHA}), and sent whole once when Redis does not know it yet (after a
 * restart, say). A script is one atomic step on the server: the read, the change and what it returns.
 */
public final class Script {
    private final String source;
    private final String sha;
    /** The same script with {@code SPUBLISH} for {@code PUBLISH}, made on first use. */
    private volatile Script sharded;

    private Script(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    public static Script of(String source) {
        return new Script(source);
    }

    /**
     * This script with every {@code redis.call('PUBLISH'} as {@code redis.call('SPUBLISH'}, for a Redis Cluster: a
     * script may publish only on a shard channel of its keys' slot (the channel must carry their hash tag), and a
     * classic {@code PUBLISH} would be relayed to every node of the cluster.
     */
    public Script sharded() {
        Script s = sharded;
        if (s == null) {
            s = source.contains("redis.call('PUBLISH'")
                    ? new Script(source.replace("redis.call('PUBLISH'", "redis.call('SPUBLISH'")) : this;
            sharded = s;
        }
        return s;
    }

    /** Runs the script; the result's type follows {@code output}. */
    public <T> CompletionStage<T> run(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType output,
                                      String[] keys, String... args) {
        CompletionStage<T> bySha = redis.evalsha(sha, output, keys, args);
        return bySha.handle((result, error) -> {
            if (error == null) {
                return java.util.concurrent.CompletableFuture.completedFuture(result);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, output, keys, args);
            }
            return java.util.concurrent.CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JDK has SHA-1
        }
    }
}
