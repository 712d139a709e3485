package io.chartroom.settings.domain;

/** The settings admins may change while the portal runs; each has a safe default. */
public enum Setting {
    ALLOW_PRIVATE_NETWORKS("catalog.allow-private-networks", "false",
            "Chart repositories may be on private networks (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10) "
                    + "and loopback. Link-local and cloud metadata addresses are always refused."),
    RECONCILE_PAUSED("reconcile.paused", "false",
            "Pause the reconciler (a change freeze): nothing is applied, pruned or healed. Merges still land on main "
                    + "and are applied when the reconciler resumes."),
    HELMFILE_ENV_ALLOWLIST("helmfile.env-allowlist", "",
            "Environment variables of the portal that helmfile templates may read (env, requiredEnv) when a team's repository is read: "
                    + "names, comma-separated. Every other name is refused; none by default.");

    private static final java.util.regex.Pattern PORTAL_SECRETS = java.util.regex.Pattern.compile(
            "(?i)^(CHARTROOM_|SPRING_|JAVA_|JDK_|AWS_|KUBE|HELM_)|PASSWORD|PASSWD|SECRET|TOKEN|KEY|CREDENTIAL|AUTH|PRIVATE");

    private final String key;
    private final String defaultValue;
    private final String description;

    Setting(String key, String defaultValue, String description) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** An on/off setting (a checkbox), rather than text. */
    public boolean flag() {
        return defaultValue.equals("true") || defaultValue.equals("false");
    }

    /** The value as it is stored: a flag's true or false; the allowlist's names, comma-separated; IllegalArgumentException says why not. */
    public String normalized(String value) {
        String v = value == null ? "" : value.strip();
        if (flag()) {
            if (!v.equals("true") && !v.equals("false")) {
                throw new IllegalArgumentException(key + " is true or false, not " + v);
            }
            return v;
        }
        java.util.List<String> names = java.util.Arrays.stream(v.split(",")).map(String::strip).filter(n -> !n.isEmpty()).distinct().toList();
        for (String name : names) {
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
            }
            if (PORTAL_SECRETS.matcher(name).find()) {
                // what a template reads can reach a report, a review or Git: never the portal's own configuration or a secret
                throw new IllegalArgumentException("'" + name + "' may hold the portal's configuration or a secret: not readable by templates");
            }
        }
        return String.join(",", names);
    }

    /** The key: what audit rows name as the target, failed changes included. */
    @Override
    public String toString() {
        return key;
    }
}
