package io.chartroom.base.error;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Input that cannot be accepted, with every problem and where it is (a form field, a values path, a file and
 * line). Nothing has been written when this is thrown (HTTP 400).
 */
public class InvalidInputException extends RuntimeException {

    /**
     * @param location where the problem is: a field name, a JSON path, or "file:line:column"
     */
    public record Problem(String location, String message) {
        @Override
        public String toString() {
            return location == null || location.isEmpty() ? message : location + ": " + message;
        }
    }

    private final List<Problem> problems;

    public InvalidInputException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public static InvalidInputException of(String location, String message) {
        return new InvalidInputException(List.of(new Problem(location, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    /** The message for one location, if any. */
    public String messageFor(String location) {
        return problems.stream().filter(p -> location.equals(p.location())).map(Problem::message).findFirst().orElse(null);
    }
}
