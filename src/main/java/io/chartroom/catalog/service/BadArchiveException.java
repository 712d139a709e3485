package io.chartroom.catalog.service;

/** A chart archive that breaks the rules of {@link SafeChartArchive}; nothing from it is used. */
public class BadArchiveException extends RepositoryFetchException {
    public BadArchiveException(String message) {
        super(message);
    }
}
