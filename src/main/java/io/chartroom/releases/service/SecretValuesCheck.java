package io.chartroom.releases.service;

import io.chartroom.releases.form.FormField;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.secrets.domain.SecretReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Values that would not stay secret or not resolve: a literal typed into a secret field would end up in Git
 * (warned, with a reference suggested), and a {@code ref+} scheme other than Chartroom's would fail when applied.
 */
final class SecretValuesCheck {

    private SecretValuesCheck() {}

    /** Adds a warning to {@code problems} for each such value of the layer; the form says which fields are secret. */
    static void check(String layer, Map<String, Object> values, FormField.Group form, List<DraftCheck.Problem> problems) {
        walk(values, new ArrayList<>(), form, (path, value, secret) -> {
            if (secret && SecretFields.isLiteralSecret(value)) {
                problems.add(DraftCheck.Problem.warning(layer, ValuesPaths.text(path),
                        "looks like a secret typed as a value: it would be stored in Git. Use a reference such as ref+awsssm://path/to/parameter"));
            }
            SecretReference.unsupportedScheme(value).ifPresent(scheme -> problems.add(DraftCheck.Problem.warning(layer,
                    ValuesPaths.text(path), "ref+" + scheme + ":// is not a reference Chartroom resolves (only " + SecretReference.PREFIX
                            + "): applying the release would fail on it")));
        });
    }

    /** The paths of the values' literal secrets (those {@link #check} warns of). */
    static List<List<Object>> literalSecrets(Map<String, Object> values, FormField.Group form) {
        List<List<Object>> paths = new ArrayList<>();
        walk(values, new ArrayList<>(), form, (path, value, secret) -> {
            if (secret && SecretFields.isLiteralSecret(value)) {
                paths.add(path);
            }
        });
        return paths;
    }

    private interface Visitor {
        void scalar(List<Object> path, Object value, boolean secret);
    }

    @SuppressWarnings("unchecked")
    private static void walk(Object value, List<Object> path, FormField field, Visitor visitor) {
        if (value instanceof Map<?, ?> map) {
            for (var e : ((Map<String, Object>) map).entrySet()) {
                path.add(e.getKey());
                walk(e.getValue(), path, child(field, e.getKey()), visitor);
                path.removeLast();
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                path.add(i);
                walk(list.get(i), path, field instanceof FormField.ListOf l ? l.items() : null, visitor);
                path.removeLast();
            }
        } else {
            // a field the form does not know is secret by its key's name
            String key = path.isEmpty() || !(path.getLast() instanceof String s) ? "" : s;
            // the form offers a reference only where the chart leaves a secret-named field empty; a literal typed into
            // any secret-named field (rootPassword: changeme, overridden) still lands in Git: warned either way
            boolean secret = field instanceof FormField.Scalar s && s.secret() || SecretFields.isSecretByName(key, null);
            visitor.scalar(List.copyOf(path), value, secret);
        }
    }

    private static FormField child(FormField field, String key) {
        return switch (field) {
            case FormField.Group g -> g.properties().stream().filter(p -> p.key().equals(key)).findFirst().orElse(g.additional());
            case FormField.MapOf m -> m.values();
            case null, default -> null;
        };
    }
}
