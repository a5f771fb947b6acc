package io.switchboard.expr;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Did you mean" for the expressions a configuration takes: what a user most likely meant by a variable that is
 * missing its {@code $} or has a misspelt {@code request.xxx} part.
 */
public final class Suggestions {
    private static final Pattern TWO_WORDS = Pattern.compile("([A-Za-z]+)\\.([A-Za-z]+)(.*)", Pattern.DOTALL);

    private Suggestions() {
    }

    /** {@code " (did you mean 'x'?)"}, or nothing. */
    public static String didYouMean(Optional<String> suggestion) {
        return suggestion.map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** The one of {@code known} nearest to {@code text} (ignoring a leading {@code $}), if it is near. */
    public static Optional<String> nearest(String text, List<String> known) {
        String t = text.trim();
        String bare = t.startsWith("$") ? t.substring(1) : t;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(bare, k.startsWith("$") ? k.substring(1) : k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, best.length() / 6)) && !best.equals(t)
                ? Optional.of(best) : Optional.empty();
    }

    /**
     * A variable name (without {@code $}) whose first two words are a misspelling of {@code prefix}'s
     * ({@code request.bodyy.action} for {@code request.body}), with those words corrected; what follows is kept.
     */
    public static Optional<String> correctPrefix(String name, String prefix) {
        Matcher m = TWO_WORDS.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String head = m.group(1) + "." + m.group(2);
        String rest = m.group(3);
        int dot = prefix.indexOf('.');
        String second = prefix.substring(dot + 1);
        if (distance(head, prefix) <= 2) {
            return Optional.of(prefix + rest);
        }
        if (distance(m.group(1), prefix.substring(0, dot)) <= 1 && m.group(2).startsWith(second)) {
            return Optional.of(prefix + "." + m.group(2).substring(second.length()) + rest); // request.bodyaction
        }
        if (m.group(1).equals(second)) {
            return Optional.of(prefix + "." + m.group(2) + rest); // body.action
        }
        return Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
