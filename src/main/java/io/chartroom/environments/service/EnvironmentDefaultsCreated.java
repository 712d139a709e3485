package io.chartroom.environments.service;

/** Published when the embedded default's environments were just created in an empty repository. */
public record EnvironmentDefaultsCreated() {}
