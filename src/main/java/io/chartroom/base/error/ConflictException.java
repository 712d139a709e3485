package io.chartroom.base.error;

/** The request is valid but clashes with the current state, e.g. a name already taken (HTTP 409). */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
