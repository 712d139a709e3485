package io.chartroom.catalog.service;

/** Fetching from a chart repository failed; the message says what and where, for the admin who reads it. */
public class RepositoryFetchException extends RuntimeException {
    public RepositoryFetchException(String message) {
        super(message);
    }

    public RepositoryFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
