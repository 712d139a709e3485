package io.chartroom.catalog.service;

import java.util.Optional;

/**
 * What the features that use charts (releases) say about a chart on its catalog page, without the catalog depending
 * on them: e.g. "3 releases can upgrade to 1.3.0".
 */
public interface ChartUsage {

    Optional<String> upgradable(String repository, String chart);
}
