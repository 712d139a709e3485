package io.chartroom.clusters.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes label selector in its string form: comma-separated requirements, each one of
 * {@code key=value}, {@code key==value}, {@code key!=value}, {@code key in (a,b)}, {@code key notin (a,b)},
 * {@code key} (exists) or {@code !key} (does not exist). All requirements must hold.
 */
public final class LabelSelector {

    private static final String KEY = "(?:[a-z0-9A-Z.-]+/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?";
    private static final String VALUE = "(?:[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?)?";
    private static final Pattern SET = Pattern.compile("^(" + KEY + ")\\s+(in|notin)\\s*\\(([^)]*)\\)$");
    private static final Pattern EQUALS = Pattern.compile("^(" + KEY + ")\\s*(==|=|!=)\\s*(" + VALUE + ")$");
    private static final Pattern EXISTS = Pattern.compile("^(!)?\\s*(" + KEY + ")$");

    private record Requirement(String key, String operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "in", "=" -> value != null && values.contains(value);
                case "notin", "!=" -> value == null || !values.contains(value);
                case "exists" -> value != null;
                case "!" -> value == null;
                default -> false;
            };
        }
    }

    private final String text;
    private final List<Requirement> requirements;

    private LabelSelector(String text, List<Requirement> requirements) {
        this.text = text;
        this.requirements = requirements;
    }

    /** Parses a selector; IllegalArgumentException names the requirement that is not valid. */
    public static LabelSelector parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        List<Requirement> requirements = new ArrayList<>();
        for (String part : split(trimmed)) {
            String p = part.strip();
            if (p.isEmpty()) {
                throw new IllegalArgumentException("empty requirement in \"" + trimmed + "\"");
            }
            Matcher m;
            if ((m = SET.matcher(p)).matches()) {
                Set<String> values = new LinkedHashSet<>();
                for (String v : m.group(4).split(",")) {
                    if (!v.strip().matches(VALUE)) {
                        throw new IllegalArgumentException("\"" + v.strip() + "\" is not a label value in \"" + p + "\"");
                    }
                    values.add(v.strip());
                }
                requirements.add(new Requirement(m.group(1), m.group(3), values));
            } else if ((m = EQUALS.matcher(p)).matches()) {
                requirements.add(new Requirement(m.group(1), m.group(3).equals("!=") ? "!=" : "=", Set.of(m.group(4))));
            } else if ((m = EXISTS.matcher(p)).matches()) {
                requirements.add(new Requirement(m.group(2), m.group(1) == null ? "exists" : "!", Set.of()));
            } else {
                throw new IllegalArgumentException("\"" + p + "\" is not a label requirement (key=value, key!=value, "
                        + "key in (a,b), key notin (a,b), key or !key)");
            }
        }
        if (requirements.isEmpty()) {
            throw new IllegalArgumentException("the selector is empty: it would select every cluster");
        }
        return new LabelSelector(trimmed, Collections.unmodifiableList(requirements));
    }

    /** Splits at commas outside parentheses. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.isEmpty()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(r -> r.matches(labels));
    }

    @Override
    public String toString() {
        return text;
    }
}
