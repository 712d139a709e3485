package io.chartroom.releases.form;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One layer of values being edited (the base, or an environment's overrides) together with what it inherits.
 * The form and the YAML editor both work on it: the form sets and resets single values, edits lists and maps
 * and switches variants through the methods here, the YAML editor replaces the whole layer; keys the form does
 * not know stay untouched. In an environment layer a value equal to the inherited one is not kept as an
 * override. What it hands out are copies, so every edit goes through here and the YAML follows each one.
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

    /** A copy of the layer's values. */
    public Map<String, Object> values() {
        return ValuesTree.copy(values);
    }

    public void inherit(Map<String, Object> inherited) {
        this.inherited = inherited;
    }

    /** A copy of the value this layer sets at the path, or null. */
    public Object own(List<Object> path) {
        return ValuesTree.deepCopy(ValuesTree.get(values, path));
    }

    public boolean overrides(List<Object> path) {
        return ValuesTree.has(values, path);
    }

    /** A copy of what the path resolves to without this layer. */
    public Object inheritedValue(List<Object> path) {
        return ValuesTree.deepCopy(ValuesTree.get(inherited, path));
    }

    /** The value in effect: this layer's, else the inherited one. */
    public Object effective(List<Object> path) {
        return overrides(path) ? own(path) : inheritedValue(path);
    }

    /** Sets a value; in an override layer, setting the inherited value removes the override. */
    public void set(List<Object> path, Object value) {
        if (override && ValuesTree.equal(value, inheritedValue(path)) && ValuesTree.has(inherited, path)) {
            ValuesTree.remove(values, path);
        } else if (value == null && !override) {
            ValuesTree.remove(values, path);
        } else {
            ValuesTree.set(values, path, ValuesTree.deepCopy(value));
        }
        yaml = ValuesYaml.dump(values);
    }

    /**
     * Writes one value from a field; null clears it. A path through a list first takes the list over (the layer
     * holds its own copy of it), then the whole list is set, so that a list equal to the inherited one is dropped again.
     */
    public void write(List<Object> path, Object value) {
        int listAt = firstIndex(path);
        if (listAt < 0) {
            if (value == null) {
                reset(path);
            } else {
                set(path, value);
            }
            return;
        }
        List<Object> listPath = List.copyOf(path.subList(0, listAt));
        ownList(listPath);
        if (value == null) {
            ValuesTree.remove(values, path);
        } else {
            ValuesTree.set(values, path, ValuesTree.deepCopy(value));
        }
        set(listPath, ValuesTree.get(values, listPath));
    }

    /** Drops the layer's value at the path: the inherited value (or the chart's default) applies again. */
    public void reset(List<Object> path) {
        ValuesTree.remove(values, path);
        yaml = ValuesYaml.dump(values);
    }

    // ---- lists: Helm replaces them whole, so an edit writes the whole list --------------------------------

    /** Appends a new item of the list's form: an empty object, the item's default, or an empty scalar. */
    public void addItem(List<Object> listPath, FormField.ListOf field) {
        Object item = switch (field.items()) {
            case FormField.Group g -> new LinkedHashMap<String, Object>();
            case FormField.Scalar s when s.defaultValue() != null -> s.defaultValue();
            case FormField.Scalar s -> s.type() == FormField.ScalarType.STRING ? "" : s.type() == FormField.ScalarType.BOOLEAN ? false : 0L;
            default -> null;
        };
        editList(listPath, list -> list.add(item));
    }

    public void removeItem(List<Object> listPath, int index) {
        editList(listPath, list -> list.remove(index));
    }

    public void moveItem(List<Object> listPath, int from, int to) {
        editList(listPath, list -> list.add(to, list.remove(from)));
    }

    @SuppressWarnings("unchecked")
    private void editList(List<Object> listPath, Consumer<List<Object>> edit) {
        List<Object> list = effective(listPath) instanceof List<?> l ? (List<Object>) l : new ArrayList<>();
        edit.accept(list);
        write(listPath, list);
    }

    /**
     * Makes the layer hold its own copy of the list at the path (of the inherited one): Helm replaces lists
     * whole, so an environment that changes one item must carry the whole list.
     */
    private void ownList(List<Object> path) {
        if (!overrides(path)) {
            ValuesTree.set(values, path, inheritedValue(path) instanceof List<?> l ? l : new ArrayList<>());
        }
    }

    private static int firstIndex(List<Object> path) {
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i) instanceof Integer) {
                return i;
            }
        }
        return -1;
    }

    // ---- maps of free keys ------------------------------------------------------------------------------

    /** Adds a key to the map at the path with an empty value of the map's form; blank keys are ignored. */
    public void addKey(List<Object> mapPath, String key, FormField valueForm) {
        if (key == null || key.isBlank()) {
            return;
        }
        Object initial = switch (valueForm) {
            case FormField.Group g -> new java.util.LinkedHashMap<String, Object>(); // filled in field by field on its card
            case FormField.MapOf m -> new java.util.LinkedHashMap<String, Object>();
            case FormField.ListOf l -> new java.util.ArrayList<Object>();
            case FormField.Scalar s when s.type() == FormField.ScalarType.BOOLEAN -> Boolean.FALSE;
            case FormField.Scalar s when s.type() != FormField.ScalarType.STRING -> 0L;
            case null, default -> "";
        };
        write(append(mapPath, key), initial);
    }

    /**
     * Removes a key of the map at the path. In an environment layer a key the layer inherits is removed by a null
     * override (Helm drops a key set to null); one only this layer has is simply dropped.
     */
    public void removeKey(List<Object> mapPath, String key) {
        List<Object> entry = append(mapPath, key);
        if (override && firstIndex(entry) < 0 && ValuesTree.has(inherited, entry)) {
            set(entry, null);
        } else {
            write(entry, null);
        }
    }

    /**
     * Renames a key this layer sets in the map at the path, keeping its value: the old key removed as
     * {@link #removeKey} does, the new one set. False, and nothing changed, when the layer does not set the key,
     * or the new name is blank, the same, or already in use.
     */
    public boolean renameKey(List<Object> mapPath, String from, String to) {
        List<Object> entry = append(mapPath, from);
        if (!overrides(entry) || to == null || to.isBlank() || to.equals(from) || effective(append(mapPath, to)) != null) {
            return false;
        }
        Object value = own(entry);
        removeKey(mapPath, from);
        write(append(mapPath, to), value);
        return true;
    }

    // ---- variants (oneOf / anyOf) -------------------------------------------------------------------------

    /** Switches the value at the path to another variant: an empty object for an object variant, else nothing set. */
    public void chooseVariant(List<Object> path, FormField variant) {
        Object initial = variant instanceof FormField.Group ? new LinkedHashMap<String, Object>() : null;
        if (firstIndex(path) < 0) {
            set(path, initial);
        } else {
            write(path, initial);
        }
    }

    // ---- the whole layer as YAML ------------------------------------------------------------------------

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

    private static List<Object> append(List<Object> path, Object step) {
        List<Object> out = new ArrayList<>(path);
        out.add(step);
        return out;
    }
}
