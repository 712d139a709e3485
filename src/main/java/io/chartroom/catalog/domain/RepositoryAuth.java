package io.chartroom.catalog.domain;

/** How Chartroom authenticates to a chart repository. */
public enum RepositoryAuth { NONE, BASIC, BEARER }
