package io.chartroom.adoption.helmfile;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * helmfile's {@code env "NAME"} and {@code requiredEnv "NAME"} for Helm's engine (which has neither): a name on the
 * allowlist an ADMIN sets becomes the value as a string literal; any other name is refused with its line. A computed
 * name is left to Helm, which refuses the function: what a template may read is known before it runs.
 */
final class EnvCalls {

    private static final Pattern CALL = Pattern.compile("(?<![\\w.$])(env|requiredEnv)\\s+\"([^\"\\\\]*)\"");

    private EnvCalls() {
    }

    /** {@code environment}: the allowlisted names, each with its value (absent: unset). */
    static String rewrite(String text, Map<String, String> allowed, java.util.Set<String> allowlist) {
        return TemplateActions.rewrite(text, CALL, (call, line) -> {
            String function = call.group(1);
            String name = call.group(2);
            if (!allowlist.contains(name)) {
                throw new GoTemplates.Failure(line, function + " " + name + " is not read: only the names an ADMIN allows (Settings, "
                        + "helmfile environment variables) are");
            }
            String value = allowed.get(name);
            if (value == null && function.equals("requiredEnv")) {
                throw new GoTemplates.Failure(line, "requiredEnv " + name + ": not set in the portal's environment");
            }
            return literal(value == null ? "" : value);
        });
    }

    /** A Go string literal: what a template gets is the value, never template text. */
    private static String literal(String value) {
        StringBuilder literal = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> literal.append(c < 0x20 ? String.format("\\x%02x", (int) c) : String.valueOf(c));
            }
        }
        return literal.append('"').toString();
    }
}
