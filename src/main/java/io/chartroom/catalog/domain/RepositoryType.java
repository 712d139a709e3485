package io.chartroom.catalog.domain;

/** HTTP: a Helm repository with an index.yaml. OCI: a registry whose charts are listed by name. */
public enum RepositoryType { HTTP, OCI }
