package io.chartroom.catalog.service;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits and behaviour of the catalog (chartroom.catalog.*).
 *
 * @param maxIndexSize    the largest index.yaml Chartroom reads
 * @param maxArchiveSize  the largest chart archive (.tgz) Chartroom downloads
 * @param maxFileSize     the largest single file inside a chart archive
 * @param maxUnpackedSize the most a chart archive may unpack to
 * @param maxEntries      the most entries a chart archive may hold
 * @param samples         register the bundled sample repository on first start; default: on the embedded default only
 * @param warmUp          read a synthetic index in the background after startup, so that the first sync runs compiled code
 */
@ConfigurationProperties("chartroom.catalog")
public record CatalogSettings(
        @DefaultValue("100MB") DataSize maxIndexSize,
        @DefaultValue("20MB") DataSize maxArchiveSize,
        @DefaultValue("5MB") DataSize maxFileSize,
        @DefaultValue("50MB") DataSize maxUnpackedSize,
        @DefaultValue("5000") int maxEntries,
        @DefaultValue("30s") Duration requestTimeout,
        Boolean samples,
        @DefaultValue("true") boolean warmUp) {}
