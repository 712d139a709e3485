package io.chartroom.security.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Chartroom's roles, from least to most privileged. Each role includes the ones below it, so an APPROVER
 * may do everything a DEVELOPER may; the implied roles are granted at login, which keeps every check a
 * plain "has role" test.
 */
public enum Role {
    VIEWER("Sees the catalog, releases, change requests and cluster status"),
    DEVELOPER("Creates releases and proposes changes for their teams"),
    APPROVER("Approves and merges change requests, starts syncs"),
    ADMIN("Manages repositories, clusters, environments, policies; sees the audit log");

    private final String description;

    Role(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** This role and every role below it. */
    public Set<Role> withImplied() {
        return EnumSet.range(VIEWER, this);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** Parses a role name from configuration; the error lists the valid names. */
    public static Role parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + name + "' (valid: VIEWER, DEVELOPER, APPROVER, ADMIN)");
        }
    }

    /** The highest of the given roles, or null for none. */
    public static @Nullable Role highest(Set<Role> roles) {
        return roles.stream().max(Enum::compareTo).orElse(null);
    }
}
