package io.chartroom.catalog.service;

/** A repository URL that points where Chartroom must not send requests. */
public class BlockedAddressException extends RepositoryFetchException {
    public BlockedAddressException(String message) {
        super(message);
    }
}
