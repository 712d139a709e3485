package io.chartroom.releases.values;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A chart's defaults are one tree for every open editor: no one can change it, and copies of it can be changed. */
class ValuesTreeFrozenTest {

    @Test
    void aFrozenTreeRefusesChangesAtEveryDepthAndItsCopiesTakeThem() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("image", new LinkedHashMap<>(Map.of("tag", "1.0")));
        source.put("hosts", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "a")))));
        Map<String, Object> frozen = ValuesTree.frozen(source);
        source.put("later", 1); // the source changed afterwards does not show through
        assertThat(frozen).doesNotContainKey("later");

        assertThatThrownBy(() -> ValuesTree.set(frozen, List.of("image", "tag"), "2.0")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<Object>) frozen.get("hosts")).add("b")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ValuesTree.set(frozen, List.of("hosts", 0, "name"), "b")).isInstanceOf(UnsupportedOperationException.class);

        Map<String, Object> copy = ValuesTree.copy(frozen);
        ValuesTree.set(copy, List.of("hosts", 0, "name"), "b");
        assertThat(ValuesTree.get(copy, List.of("hosts", 0, "name"))).isEqualTo("b");
        assertThat(ValuesTree.effective(frozen, Map.of("image", Map.of("tag", "2.0")))).isEqualTo(
                Map.of("image", Map.of("tag", "2.0"), "hosts", List.of(Map.of("name", "a"))));
        assertThat(ValuesTree.get(frozen, List.of("image", "tag"))).isEqualTo("1.0");
    }
}
