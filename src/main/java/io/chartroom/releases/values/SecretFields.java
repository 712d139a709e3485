package io.chartroom.releases.values;

import java.util.regex.Pattern;

/**
 * Which fields hold secrets, and what a reference to a secret looks like. Secrets never go into the GitOps
 * repository: such fields take a reference (ref+awsssm://...) that is resolved only when applying.
 */
public final class SecretFields {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)^(key|.*(password|passwd|passphrase|secret|token|credential|apikey|api[-_]key|private[-_]?key|access[-_]?key|secret[-_]?key).*)$");
    /** Keys that name a Secret object or a key in it (existingSecret, secretName, tokenRef), not a secret value. */
    private static final Pattern NAMES_A_SECRET = Pattern.compile("(?i)^(existing.*|.*(name|ref)s?)$");
    private static final Pattern REFERENCE = Pattern.compile("^ref\\+[a-z0-9]+://\\S+$");

    private SecretFields() {}

    /** True for keys such as password, apiToken, db_secret, privateKey. */
    private static boolean isSecretName(String key) {
        return key != null && SECRET_NAME.matcher(key).matches();
    }

    /**
     * Whether a chart's field holds a secret, from what a values.yaml says of it: by its key's name only when the
     * chart leaves it empty (a {@code tokenTTL: 3600} or {@code secretName: app} is not a secret), and never for a key
     * that names a Secret rather than holding one. A schema may say so outright ({@link #isSecretBySchema}).
     */
    public static boolean isSecretByName(String key, Object defaultValue) {
        boolean empty = defaultValue == null || defaultValue instanceof String s && s.isEmpty();
        return empty && isSecretName(key) && !NAMES_A_SECRET.matcher(key).matches();
    }

    /** A schema's word for a secret: {@code writeOnly: true} or {@code format: password}. */
    public static boolean isSecretBySchema(boolean writeOnly, String format) {
        return writeOnly || "password".equals(format);
    }

    public static boolean isReference(Object value) {
        return value instanceof String s && REFERENCE.matcher(s).matches();
    }

    /** A literal value in a secret field: worth a warning (it would land in Git). */
    public static boolean isLiteralSecret(Object value) {
        return value instanceof String s && !s.isEmpty() && !isReference(s);
    }
}
