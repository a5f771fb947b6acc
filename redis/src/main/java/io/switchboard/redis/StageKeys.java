package io.switchboard.redis;

/**
 * Names of the keys that belong to one stage: {@code <prefix>{<stage>}:<kind>:<id>}. The stage is in a hash tag,
 * so that every key one script touches lands in the same Redis Cluster slot. Inside the tag the stage is escaped
 * ({@code %}, <code>{</code> and <code>}</code> as {@code %25}, {@code %7B}, {@code %7D}), so that no stage name can
 * end the tag early and two stages never share a key; the last part (a user, group or connection id) needs no
 * escaping, since nothing follows it.
 */
final class StageKeys {
    private final String prefix;

    StageKeys(RedisClients clients) {
        this.prefix = clients.settings().keyPrefix();
    }

    /** {@code <prefix>{<stage>}:} followed by the parts joined by {@code :}. */
    String key(String stage, String... parts) {
        return prefix + "{" + escape(stage) + "}:" + String.join(":", parts);
    }

    /** The start of the keys {@code key(stage, kind, id)}, to which a script appends the id. */
    String keyPrefix(String stage, String kind) {
        return key(stage, kind) + ":";
    }

    static String escape(String stage) {
        if (stage.indexOf('%') < 0 && stage.indexOf('{') < 0 && stage.indexOf('}') < 0) {
            return stage;
        }
        return stage.replace("%", "%25").replace("{", "%7B").replace("}", "%7D");
    }
}
