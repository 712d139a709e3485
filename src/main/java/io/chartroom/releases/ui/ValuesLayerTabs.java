package io.chartroom.releases.ui;

import com.vaadin.flow.component.tabs.Tab;
import com.vaadin.flow.component.tabs.TabSheet;
import io.chartroom.releases.form.LayerState;
import io.chartroom.releases.service.ChartInfo;
import io.chartroom.releases.service.DraftCheck;
import io.chartroom.releases.values.ValuesTree;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The release's values as layers, one tab each: the base values, then one per chosen environment (in the
 * portal's order) that overrides them and inherits the chart's defaults with the base on top. An environment
 * dropped and chosen again gets its layer back as it was.
 */
final class ValuesLayerTabs extends TabSheet {

    private final ChartInfo chart;
    private final Runnable changed;
    private final LayerEditor base;
    private final Map<String, LayerEditor> environments = new LinkedHashMap<>();

    /** @param baseYaml the base layer; @param environmentYaml each environment's layer, for those it has */
    ValuesLayerTabs(ChartInfo chart, String baseYaml, List<String> chosen, Map<String, String> environmentYaml, Runnable changed) {
        this.chart = chart;
        this.changed = changed;
        this.base = new LayerEditor("base", chart.form(), new LayerState("base", false, chart.defaults(), baseYaml), false, changed);
        chosen.forEach(env -> environments.put(env, environmentLayer(env, environmentYaml.getOrDefault(env, ""))));
        setId("layer-tabs");
        setWidthFull();
    }

    private LayerEditor environmentLayer(String env, String yaml) {
        LayerState state = new LayerState(env, true, inheritedByEnvironments(), yaml);
        return new LayerEditor(env, chart.form(), state, true, changed);
    }

    /** What an environment layer builds on: the chart's defaults with the base values on top. */
    private Map<String, Object> inheritedByEnvironments() {
        return ValuesTree.effective(chart.defaults(), base.layer().values());
    }

    /** Told the environment whose tab the user opens (not the base's): the preview follows the layer being edited. */
    void onEnvironmentSelected(java.util.function.Consumer<String> listener) {
        addSelectedChangeListener(e -> {
            if (e.getSelectedTab() != null && e.isFromClient() && environments.containsKey(e.getSelectedTab().getLabel())) {
                listener.accept(e.getSelectedTab().getLabel());
            }
        });
    }

    /**
     * One tab per chosen environment after the base, in the order given. Tabs are added and removed, never
     * rebuilt: re-adding a layer's component would orphan the inputs the browser already shows.
     */
    void show(List<String> chosen) {
        chosen.forEach(env -> environments.computeIfAbsent(env, n -> environmentLayer(n, "")));
        if (getTabCount() == 0) {
            add("Base values", base).setId("tab-base");
        }
        for (int i = getTabCount() - 1; i > 0; i--) {
            Tab tab = getTabAt(i);
            if (!chosen.contains(tab.getLabel())) {
                remove(tab);
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            String env = chosen.get(i);
            boolean present = getTabCount() > i + 1 && getTabAt(i + 1).getLabel().equals(env);
            if (!present) {
                Tab tab = new Tab(env);
                tab.setId("tab-" + env);
                add(tab, environments.get(env), i + 1);
            }
        }
    }

    /** The base changed, or may have: environment layers inherit its values anew and show them. */
    void baseChanged() {
        Map<String, Object> inherited = inheritedByEnvironments();
        environments.values().forEach(layer -> {
            layer.layer().inherit(inherited);
            layer.inheritedChanged();
        });
    }

    String baseYaml() {
        return base.layer().yaml();
    }

    String environmentYaml(String env) {
        return environments.get(env).layer().yaml();
    }

    /** Marks each layer's problems (by layer name) on its fields and lines. */
    void showProblems(Map<String, List<DraftCheck.Problem>> byLayer) {
        base.showProblems(byLayer.getOrDefault("base", List.of()));
        environments.forEach((env, layer) -> layer.showProblems(byLayer.getOrDefault(env, List.of())));
    }

    /** Takes the user to where a problem is: its layer's tab, and its field or its line. */
    void reveal(DraftCheck.Problem p) {
        LayerEditor layer = p.layer().equals("base") ? base : environments.get(p.layer());
        if (layer == null) {
            return;
        }
        for (int i = 0; i < getTabCount(); i++) {
            if (getComponent(getTabAt(i)) == layer) {
                setSelectedIndex(i);
            }
        }
        if (p.location() == null || !layer.focusField(p.location())) {
            layer.showYaml();
        }
    }
}
