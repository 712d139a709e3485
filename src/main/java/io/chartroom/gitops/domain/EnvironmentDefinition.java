package io.chartroom.gitops.domain;

/** An environment as environments.yaml records it for helmfile and for the reconciler. */
public record EnvironmentDefinition(String name, String description, String clusterSelector, String kubeVersion) {}
