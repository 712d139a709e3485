package io.chartroom.changes.domain;

/** What a change request does: to its release, or to the environments (environments.yaml). */
public enum ChangeKind {
    CREATE("Create"), UPDATE("Update"), DELETE("Remove"), ENVIRONMENTS("Change");

    private final String verb;

    ChangeKind(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }
}
