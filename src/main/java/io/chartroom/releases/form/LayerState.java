package io.chartroom.releases.form;

import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import io.chartroom.base.error.InvalidInputException;
import java.util.List;
import java.util.Map;

/**
 * One layer of values being edited (the base, or an environment's overrides) together with what it inherits.
 * The form and the YAML editor both work on it: the form sets and resets single values, the YAML editor
 * replaces the whole layer; keys the form does not know stay untouched. In an environment layer a value
 * equal to the inherited one is not kept as an override.
 */
public final class LayerState {

    private final String name;
    private final boolean override;
    private Map<String, Object> inherited;
    private Map<String, Object> values;
    private String yaml;

    /**
     * @param inherited what the layer builds on: the chart's defaults for the base, the base's effective values
     *                  for an environment
     * @param override  true for an environment layer (values equal to the inherited ones are not written)
     */
    public LayerState(String name, boolean override, Map<String, Object> inherited, String yaml) {
        this.name = name;
        this.override = override;
        this.inherited = inherited;
        this.yaml = yaml == null ? "" : yaml;
        this.values = ValuesYaml.parse(this.yaml, name);
    }

    public String name() {
        return name;
    }

    public String yaml() {
        return yaml;
    }

    public Map<String, Object> values() {
        return values;
    }

    public void inherit(Map<String, Object> inherited) {
        this.inherited = inherited;
    }

    /** The value this layer sets at the path, or null. */
    public Object own(List<Object> path) {
        return ValuesTree.get(values, path);
    }

    public boolean overrides(List<Object> path) {
        return ValuesTree.has(values, path);
    }

    /** What the path resolves to without this layer. */
    public Object inheritedValue(List<Object> path) {
        return ValuesTree.get(inherited, path);
    }

    /** The value in effect: this layer's, else the inherited one. */
    public Object effective(List<Object> path) {
        return overrides(path) ? own(path) : inheritedValue(path);
    }

    /** Sets a value from the form; in an override layer, setting the inherited value removes the override. */
    public void set(List<Object> path, Object value) {
        if (override && ValuesTree.equal(value, inheritedValue(path)) && ValuesTree.has(inherited, path)) {
            ValuesTree.remove(values, path);
        } else if (value == null && !override) {
            ValuesTree.remove(values, path);
        } else {
            ValuesTree.set(values, path, value);
        }
        yaml = ValuesYaml.dump(values);
    }

    /** Drops the layer's value at the path: the inherited value applies again. */
    public void reset(List<Object> path) {
        ValuesTree.remove(values, path);
        yaml = ValuesYaml.dump(values);
    }

    /** Replaces the whole layer from YAML; on a syntax error the layer keeps its last valid values and the error is thrown. */
    public void replace(String text) {
        Map<String, Object> parsed = ValuesYaml.parse(text, name);
        this.values = parsed;
        this.yaml = text == null ? "" : text;
    }

    /** Replaces the layer from YAML, keeping the text even when it does not parse (the editor shows the error). */
    public InvalidInputException replaceLeniently(String text) {
        this.yaml = text == null ? "" : text;
        try {
            this.values = ValuesYaml.parse(this.yaml, name);
            return null;
        } catch (InvalidInputException e) {
            return e;
        }
    }
}
