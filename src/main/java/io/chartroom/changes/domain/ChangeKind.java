package io.chartroom.changes.domain;

/** What a change request does to its release. */
public enum ChangeKind {
    CREATE("Create"), UPDATE("Update"), DELETE("Remove");

    private final String verb;

    ChangeKind(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }
}
