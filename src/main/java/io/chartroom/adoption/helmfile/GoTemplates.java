package io.chartroom.adoption.helmfile;

import java.util.Map;

/** Runs a helmfile file's text as a Go template with helmfile's context ({@code .Environment}, {@code .Values}, {@code .Release}). */
public interface GoTemplates {

    /**
     * The rendered text; a {@link Failure} says at which line of {@code text} and why. {@code from}: the helmfile
     * whose directory {@code readFile} reads from, in {@code files}.
     */
    String render(String text, Map<String, Object> context, String from, RepositoryFiles files);

    final class Failure extends RuntimeException {
        private final int line;

        public Failure(int line, String message) {
            super(message);
            this.line = line;
        }

        /** The line of the rendered text the template failed at (1-based), 0 when unknown. */
        public int line() {
            return line;
        }
    }
}
