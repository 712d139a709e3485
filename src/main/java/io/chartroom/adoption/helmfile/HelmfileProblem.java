package io.chartroom.adoption.helmfile;

/** What could not be read, or read only in part, in a helmfile repository: the file, the line (0 when the file as a whole), why. */
public record HelmfileProblem(String file, int line, Kind kind, String message) {

    /** ERROR: not read; UNSUPPORTED: read, but Chartroom cannot represent it; WARNING: read, with something to know. */
    public enum Kind { ERROR, UNSUPPORTED, WARNING }

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
}
