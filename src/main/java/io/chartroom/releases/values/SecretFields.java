package io.chartroom.releases.values;

import java.util.regex.Pattern;

/**
 * Which fields hold secrets, and what a reference to a secret looks like. Secrets never go into the GitOps
 * repository: such fields take a reference (ref+awsssm://...) that is resolved only when applying.
 */
public final class SecretFields {

    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)^(key|.*(password|passwd|passphrase|secret|token|credential|apikey|api[-_]key|private[-_]?key|access[-_]?key|secret[-_]?key).*)$");
    private static final Pattern REFERENCE = Pattern.compile("^ref\\+[a-z0-9]+://\\S+$");

    private SecretFields() {}

    /** True for keys such as password, apiToken, db_secret, privateKey. */
    public static boolean isSecretName(String key) {
        return key != null && SECRET_NAME.matcher(key).matches();
    }

    public static boolean isReference(Object value) {
        return value instanceof String s && REFERENCE.matcher(s).matches();
    }

    /** A literal value in a secret field: worth a warning (it would land in Git). */
    public static boolean isLiteralSecret(Object value) {
        return value instanceof String s && !s.isEmpty() && !isReference(s);
    }
}
