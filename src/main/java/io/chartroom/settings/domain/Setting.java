package io.chartroom.settings.domain;

/** The settings admins may change while the portal runs; each has a safe default. */
public enum Setting {
    ALLOW_PRIVATE_NETWORKS("catalog.allow-private-networks", "false",
            "Chart repositories may be on private networks (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10) "
                    + "and loopback. Link-local and cloud metadata addresses are always refused."),
    RECONCILE_PAUSED("reconcile.paused", "false",
            "Pause the reconciler (a change freeze): nothing is applied, pruned or healed. Merges still land on main "
                    + "and are applied when the reconciler resumes.");

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

    /** The key: what audit rows name as the target, failed changes included. */
    @Override
    public String toString() {
        return key;
    }
}
