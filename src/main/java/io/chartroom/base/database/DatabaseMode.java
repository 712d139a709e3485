package io.chartroom.base.database;

/**
 * Whether the portal runs on its embedded default database. The embedded default is a single machine
 * trying Chartroom out: it may, for instance, fetch charts from its own loopback address.
 */
public record DatabaseMode(boolean embedded) {}
