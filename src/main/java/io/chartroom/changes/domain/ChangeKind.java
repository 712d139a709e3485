package io.chartroom.changes.domain;

/**
 * What a change request does: to its release, to the environments (environments.yaml), or to several releases of
 * one chart at once (BULK: an upgrade or promotion of all of them).
 */
public enum ChangeKind {
    CREATE("Create"), UPDATE("Update"), DELETE("Remove"), ENVIRONMENTS("Change"), BULK("Change");

    private final String verb;

    ChangeKind(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }
}
