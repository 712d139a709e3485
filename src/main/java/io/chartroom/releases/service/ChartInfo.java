package io.chartroom.releases.service;

import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.releases.form.FormField;
import java.util.Map;

/**
 * What the editor, the draft check and the renderer need to know about a chart version. {@code defaults} cannot be
 * changed: one instance serves every open editor of the version.
 */
public record ChartInfo(CatalogService.VersionDetail detail, ChartRepository repository, FormField.Group form,
                        Map<String, Object> defaults, boolean hasSchema) {}
