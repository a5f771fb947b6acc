package io.switchboard.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Evaluates the {@code policyDocument} a REQUEST authorizer returns against the method ARN, as IAM does: an explicit
 * {@code Deny} that matches wins, then an {@code Allow} that matches; nothing matching denies. A statement matches
 * when its {@code Action} covers {@code execute-api:Invoke} and one of its {@code Resource} patterns covers the ARN
 * ({@code *} any characters, {@code ?} one, case-sensitive, the whole ARN).
 */
final class IamPolicy {
    private static final int MAX_RESOURCE = 512;

    private IamPolicy() {
    }

    /** Whether the policy allows invoking {@code methodArn}; throws {@link IllegalArgumentException} when invalid. */
    static boolean allows(JsonNode policy, String methodArn) {
        if (policy == null || !policy.isObject()) {
            throw new IllegalArgumentException("policyDocument must be an object");
        }
        JsonNode statements = field(policy, "Statement");
        if (statements == null || statements.isNull()) {
            throw new IllegalArgumentException("policyDocument has no Statement");
        }
        boolean allowed = false;
        for (JsonNode statement : statements.isArray() ? statements : List.of(statements)) {
            if (!statement.isObject()) {
                throw new IllegalArgumentException("a Statement must be an object");
            }
            String effect = text(field(statement, "Effect"), "Effect");
            boolean allow = effect.equals("Allow");
            if (!allow && !effect.equals("Deny")) {
                throw new IllegalArgumentException("Effect must be Allow or Deny, not " + effect);
            }
            if (!matchesAny(field(statement, "Action"), "execute-api:Invoke", false)
                    || !matchesAny(field(statement, "Resource"), methodArn, true)) {
                continue;
            }
            if (!allow) {
                return false;
            }
            allowed = true;
        }
        return allowed;
    }

    private static boolean matchesAny(JsonNode patterns, String value, boolean resource) {
        if (patterns == null || patterns.isNull()) {
            throw new IllegalArgumentException(resource ? "a Statement has no Resource" : "a Statement has no Action");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode p : patterns.isArray() ? patterns : List.of(patterns)) {
            list.add(text(p, resource ? "Resource" : "Action"));
        }
        for (String pattern : list) {
            if (resource && pattern.length() > MAX_RESOURCE) {
                throw new IllegalArgumentException("a Resource is longer than " + MAX_RESOURCE + " characters");
            }
            // Actions compare without case, as IAM does; resources with case.
            boolean match = resource ? glob(pattern).matcher(value).matches()
                    : glob(pattern.toLowerCase(Locale.ROOT)).matcher(value.toLowerCase(Locale.ROOT)).matches();
            if (match) {
                return true;
            }
        }
        return false;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        StringBuilder literal = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** IAM keys are case-sensitive in AWS's examples, but Lambda authors write both; accept either first letter. */
    private static JsonNode field(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null ? value : node.get(Character.toLowerCase(name.charAt(0)) + name.substring(1));
    }

    private static String text(JsonNode node, String what) {
        if (node == null || !node.isString()) {
            throw new IllegalArgumentException(what + " must be a string");
        }
        return node.asString();
    }
}
