package io.chartroom.releases.service;

import java.util.List;

/** A release as Git describes it, rendered in each of its environments, and its values checked against the schema. */
public record ReleaseRendering(List<RenderedTarget> targets, List<DraftCheck.Problem> problems) {}
