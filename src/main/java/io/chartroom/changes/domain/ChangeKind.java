package io.chartroom.changes.domain;

/**
 * What a change request does: to its release, to the environments (environments.yaml), or to several releases of
 * one chart at once (BULK: an upgrade or promotion of all of them), or to the whole repository (CONVERT: a team's
 * helmfile repository rewritten in Chartroom's layout, every rendered object compared).
 */
public enum ChangeKind {
    CREATE("Create"), UPDATE("Update"), DELETE("Remove"), ENVIRONMENTS("Change"), BULK("Change"), CONVERT("Convert");

    private final String verb;

    ChangeKind(String verb) {
        this.verb = verb;
    }

    public String verb() {
        return verb;
    }
}
