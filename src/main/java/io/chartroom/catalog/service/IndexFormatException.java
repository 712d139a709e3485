package io.chartroom.catalog.service;

/** An index that cannot be read; the message names the file, line and column. */
public class IndexFormatException extends RepositoryFetchException {
    public IndexFormatException(String message) {
        super(message);
    }

    public IndexFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
