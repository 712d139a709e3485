package io.chartroom.releases.ui;

import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.chartroom.catalog.domain.ChartVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chart version picker per chosen environment, empty while it runs the base's version: to try an upgrade in one
 * environment first. Holds which environments run a version of their own.
 */
final class EnvironmentVersionPickers extends HorizontalLayout {

    private final Runnable changed;
    private Map<String, Long> chosen = Map.of();

    /** @param changed told when an environment's version changes */
    EnvironmentVersionPickers(Runnable changed) {
        this.changed = changed;
        setId("environment-versions");
        setWrap(true);
    }

    /** The environments that run another version than the base, by environment. */
    Map<String, Long> versionIds() {
        return chosen;
    }

    void setVersionIds(Map<String, Long> versionIds) {
        chosen = versionIds;
    }

    /** A picker per environment, offering the chart's versions; the base's version is {@code baseVersionId}. */
    void show(List<String> environments, List<ChartVersion> versions, long baseVersionId) {
        removeAll();
        for (String env : environments) {
            ChartVersionPicker picker = new ChartVersionPicker(env + " runs", versions, chosen.getOrDefault(env, -1L), true,
                    id -> choose(env, id, baseVersionId));
            picker.setId("version-" + env);
            picker.setWidth("15em");
            add(picker);
        }
    }

    /** An environment's own version, or none (-1, or the base's): the base's. */
    private void choose(String environment, long id, long baseVersionId) {
        Map<String, Long> versions = new LinkedHashMap<>(chosen);
        if (id < 0 || id == baseVersionId) {
            versions.remove(environment);
        } else {
            versions.put(environment, id);
        }
        chosen = versions;
        changed.run();
    }
}
