package io.chartroom.releases.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.releases.values.ValuesTree;
import io.chartroom.releases.values.ValuesYaml;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every edit the values form makes, made on its model: values set and reset (to the chart's default in the
 * base, to the inherited value in an environment), nested paths, lists (add, remove, move, and taken over whole
 * in an environment), map keys (add, rename, remove), variants of a oneOf/anyOf, and the YAML that follows.
 */
class LayerStateTest {

    static final String DEFAULTS = """
            replicas: 1
            image: {repository: nginx, tag: "1.27"}
            args: [--port, "8080"]
            labels: {team: web}
            env: [{name: A, value: "1"}, {name: B, value: "2"}]
            """;

    static LayerState base(String yaml) {
        return new LayerState("base", false, parse(DEFAULTS), yaml);
    }

    /** An environment layer on top of the defaults and the base's own values. */
    static LayerState production(String baseYaml, String yaml) {
        return new LayerState("production", true, ValuesTree.effective(parse(DEFAULTS), parse(baseYaml)), yaml);
    }

    static Map<String, Object> parse(String yaml) {
        return ValuesYaml.parse(yaml, "test");
    }

    /** The layer holds exactly these values, and its YAML says so. */
    static void assertLayer(LayerState layer, String expectedYaml) {
        Map<String, Object> expected = parse(expectedYaml);
        assertThat(ValuesTree.equal(layer.values(), expected)).as("%s is\n%s", layer.name(), layer.yaml()).isTrue();
        assertThat(ValuesTree.equal(parse(layer.yaml()), expected)).as("the YAML follows the values").isTrue();
    }

    static FormField.Scalar scalar(FormField.ScalarType type, Object defaultValue) {
        return new FormField.Scalar("", null, null, false, type, defaultValue, List.of(), null, null, false, false, null, null,
                null, null, false, false);
    }

    static FormField.ListOf listOf(FormField items) {
        return new FormField.ListOf("list", null, null, false, items, null, null, null);
    }

    static final FormField.Group OBJECT = new FormField.Group("", null, null, false, List.of(), null);

    // ---- values set and reset ----------------------------------------------------------------------------

    @Test
    void theBaseSetsValuesAndAResetOrAnEmptyFieldBringsBackTheChartsDefault() {
        LayerState base = base("");
        base.write(List.of("replicas"), 3L);
        assertLayer(base, "replicas: 3");
        assertThat(base.effective(List.of("replicas"))).isEqualTo(3L);
        base.reset(List.of("replicas"));
        assertLayer(base, "");
        assertThat(base.effective(List.of("replicas"))).as("the chart's default").isEqualTo(1);
        base.write(List.of("replicas"), 4L);
        base.write(List.of("replicas"), null);
        assertThat(base.overrides(List.of("replicas"))).as("an emptied field sets nothing").isFalse();
        assertThat(base.yaml()).isEmpty();
    }

    @Test
    void anEnvironmentDropsValuesEqualToWhatItInheritsAndResetsToTheInheritedValue() {
        LayerState production = production("replicas: 2", "");
        production.write(List.of("replicas"), 5L);
        assertLayer(production, "replicas: 5");
        assertThat(production.inheritedValue(List.of("replicas"))).isEqualTo(2);
        production.write(List.of("replicas"), 2L);
        assertThat(production.overrides(List.of("replicas"))).as("equal to the inherited value: no override").isFalse();
        production.write(List.of("replicas"), 7L);
        production.reset(List.of("replicas"));
        assertThat(production.effective(List.of("replicas"))).isEqualTo(2);
        assertThat(production.yaml()).isEmpty();
    }

    @Test
    void nestedPathsCreateTheirMapsAndAResetRemovesMapsLeftEmpty() {
        LayerState base = base("");
        base.write(List.of("resources", "limits", "memory"), "256Mi");
        assertLayer(base, "resources: {limits: {memory: 256Mi}}");
        base.write(List.of("image", "tag"), "2.0");
        assertLayer(base, "resources: {limits: {memory: 256Mi}}\nimage: {tag: \"2.0\"}");
        assertThat(base.effective(List.of("image", "repository"))).as("a sibling stays inherited").isEqualTo("nginx");
        base.reset(List.of("resources", "limits", "memory"));
        assertLayer(base, "image: {tag: \"2.0\"}");
    }

    @Test
    void keysTheFormDoesNotKnowSurviveEditsAndAYamlRoundTripChangesNothing() {
        LayerState base = base("""
                image:
                  tag: "1.28"
                notInTheChart:
                  deep: [1, {two: 2}]
                """);
        base.write(List.of("replicas"), 4L);
        base.write(List.of("image", "repository"), "ghcr.io/acme/web");
        assertThat(ValuesTree.get(base.values(), List.of("notInTheChart", "deep", 1, "two"))).isEqualTo(2);
        LayerState again = base(base.yaml());
        assertThat(ValuesTree.equal(again.values(), base.values())).isTrue();
        assertThat(ValuesYaml.dump(again.values())).isEqualTo(base.yaml());
    }

    @Test
    @SuppressWarnings("unchecked")
    void whatTheLayerHandsOutIsACopySoEditsGoThroughItsMethods() {
        LayerState base = base("labels: {team: web}\nargs: [a]");
        base.values().put("replicas", 9);
        ((Map<String, Object>) base.own(List.of("labels"))).put("tier", "front");
        ((List<Object>) base.effective(List.of("args"))).add("b");
        ((List<Object>) base.inheritedValue(List.of("args"))).clear();
        assertLayer(base, "labels: {team: web}\nargs: [a]");
        assertThat(base.inheritedValue(List.of("args"))).isEqualTo(List.of("--port", "8080"));
    }

    // ---- lists --------------------------------------------------------------------------------------------

    @Test
    void listItemsAreAddedWithTheirFormsEmptyValue() {
        LayerState base = base("");
        base.addItem(List.of("sidecars"), listOf(OBJECT));
        base.addItem(List.of("ports"), listOf(scalar(FormField.ScalarType.INTEGER, null)));
        base.addItem(List.of("flags"), listOf(scalar(FormField.ScalarType.BOOLEAN, null)));
        base.addItem(List.of("hosts"), listOf(scalar(FormField.ScalarType.STRING, null)));
        base.addItem(List.of("hosts"), listOf(scalar(FormField.ScalarType.STRING, "example.com")));
        assertLayer(base, """
                sidecars: [{}]
                ports: [0]
                flags: [false]
                hosts: ["", example.com]
                """);
    }

    @Test
    void theBaseAddsToRemovesFromAndReordersTheChartsListAsItsOwn() {
        LayerState base = base("");
        FormField.ListOf args = listOf(scalar(FormField.ScalarType.STRING, null));
        base.addItem(List.of("args"), args);
        assertLayer(base, "args: [--port, \"8080\", \"\"]");
        base.write(List.of("args", 2), "--verbose");
        base.moveItem(List.of("args"), 2, 0);
        assertLayer(base, "args: [--verbose, --port, \"8080\"]");
        base.moveItem(List.of("args"), 0, 1);
        assertLayer(base, "args: [--port, --verbose, \"8080\"]");
        base.removeItem(List.of("args"), 1);
        assertThat(base.overrides(List.of("args"))).as("the base keeps a list equal to the default: it is written").isTrue();
        assertLayer(base, "args: [--port, \"8080\"]");
    }

    @Test
    void anEnvironmentTakesAnInheritedListOverWholeAndDropsItWhenEqualAgain() {
        LayerState production = production("", "");
        production.write(List.of("env", 1, "value"), "20");
        assertLayer(production, "env: [{name: A, value: \"1\"}, {name: B, value: \"20\"}]");
        production.write(List.of("env", 1, "value"), "2");
        assertThat(production.overrides(List.of("env"))).as("the list is the inherited one again").isFalse();
        production.removeItem(List.of("env"), 0);
        assertLayer(production, "env: [{name: B, value: \"2\"}]");
        production.reset(List.of("env"));
        production.moveItem(List.of("env"), 1, 0);
        assertLayer(production, "env: [{name: B, value: \"2\"}, {name: A, value: \"1\"}]");
        production.moveItem(List.of("env"), 1, 0);
        assertThat(production.yaml()).as("moved back: nothing to override").isEmpty();
    }

    @Test
    void aFieldOfAnItemClearedRemovesItsKeyAndAListInsideAnItemIsEditedThroughTheOuterList() {
        LayerState production = production("sidecars: [{image: proxy, ports: [80]}]", "");
        production.write(List.of("sidecars", 0, "image"), null);
        assertLayer(production, "sidecars: [{ports: [80]}]");
        production.reset(List.of("sidecars"));
        production.addItem(List.of("sidecars", 0, "ports"), listOf(scalar(FormField.ScalarType.INTEGER, 443L)));
        assertLayer(production, "sidecars: [{image: proxy, ports: [80, 443]}]");
        production.removeItem(List.of("sidecars", 0, "ports"), 1);
        assertThat(production.yaml()).isEmpty();
    }

    // ---- map keys -----------------------------------------------------------------------------------------

    @Test
    void keysAreAddedWithAnEmptyValueOfTheMapsFormAndBlankKeysAreNot() {
        LayerState base = base("");
        base.addKey(List.of("annotations"), "note", scalar(FormField.ScalarType.STRING, null));
        base.addKey(List.of("limits"), "cpu", scalar(FormField.ScalarType.INTEGER, null));
        base.addKey(List.of("features"), "beta", scalar(FormField.ScalarType.BOOLEAN, null));
        base.addKey(List.of("annotations"), "  ", scalar(FormField.ScalarType.STRING, null));
        base.addKey(List.of("nested"), "object", OBJECT);
        assertLayer(base, """
                annotations: {note: ""}
                limits: {cpu: 0}
                features: {beta: false}
                nested: {object: {}}
                """);
        base.write(List.of("annotations", "note"), "hello");
        assertLayer(base, "annotations: {note: hello}\nlimits: {cpu: 0}\nfeatures: {beta: false}\nnested: {object: {}}");
    }

    @Test
    void anEnvironmentRemovesAnInheritedKeyWithANullAndItsOwnKeyByDroppingIt() {
        LayerState production = production("", "labels: {tier: front}");
        production.removeKey(List.of("labels"), "team");
        assertLayer(production, "labels: {tier: front, team: null}");
        assertThat(production.yaml()).contains("team: null");
        production.removeKey(List.of("labels"), "tier");
        assertLayer(production, "labels: {team: null}");
        LayerState base = base("labels: {owner: me}");
        base.removeKey(List.of("labels"), "owner");
        assertLayer(base, "");
    }

    @Test
    void aKeyIsRenamedWithItsValueAndAnInheritedOneIsRemovedUnderItsOldName() {
        LayerState base = base("podLabels: {app: web, tier: front}");
        assertThat(base.renameKey(List.of("podLabels"), "app", "name")).isTrue();
        assertLayer(base, "podLabels: {tier: front, name: web}");
        LayerState production = production("", "labels: {team: payments}");
        assertThat(production.renameKey(List.of("labels"), "team", "owner")).isTrue();
        assertLayer(production, "labels: {team: null, owner: payments}");
    }

    @Test
    void aRenameToABlankTheSameOrATakenNameOrOfAKeyTheLayerDoesNotSetChangesNothing() {
        LayerState production = production("", "labels: {tier: front}");
        assertThat(production.renameKey(List.of("labels"), "tier", " ")).isFalse();
        assertThat(production.renameKey(List.of("labels"), "tier", "tier")).isFalse();
        assertThat(production.renameKey(List.of("labels"), "tier", "team")).as("inherited, so taken").isFalse();
        assertThat(production.renameKey(List.of("labels"), "team", "owner")).as("only inherited").isFalse();
        assertLayer(production, "labels: {tier: front}");
    }

    // ---- variants -----------------------------------------------------------------------------------------

    @Test
    void switchingVariantsStartsAnObjectVariantEmptyAndAScalarOneUnset() {
        FormField.Scalar size = scalar(FormField.ScalarType.STRING, null);
        LayerState base = base("storage: {sizeLimit: 1Gi}");
        base.chooseVariant(List.of("storage"), size);
        assertLayer(base, "");
        base.chooseVariant(List.of("storage"), OBJECT);
        assertLayer(base, "storage: {}");
        base.write(List.of("storage", "claimName"), "data");
        assertLayer(base, "storage: {claimName: data}");

        LayerState production = production("storage: {sizeLimit: 1Gi}", "");
        production.chooseVariant(List.of("storage"), size);
        assertLayer(production, "storage: null");
        assertThat(production.effective(List.of("storage"))).as("the inherited object is removed here").isNull();
        production.chooseVariant(List.of("storage"), OBJECT);
        assertLayer(production, "storage: {}");
        assertThat(ValuesTree.effective(parse("storage: {sizeLimit: 1Gi}"), production.values()))
                .as("an empty object merges onto the inherited one, as Helm does").isEqualTo(parse("storage: {sizeLimit: 1Gi}"));
    }

    @Test
    void aVariantInsideAListItemIsChosenThroughTheList() {
        LayerState production = production("volumes: [{name: data, source: {emptyDir: {}}}]", "");
        production.chooseVariant(List.of("volumes", 0, "source"), OBJECT);
        assertLayer(production, "volumes: [{name: data, source: {}}]");
    }

    // ---- the whole layer as YAML --------------------------------------------------------------------------

    @Test
    void yamlThatDoesNotParseIsKeptAsTextWhileTheValuesStayTheLastValidOnes() {
        LayerState base = base("replicas: 2");
        InvalidInputException error = base.replaceLeniently("replicas: [3");
        assertThat(error).isNotNull();
        assertThat(base.yaml()).isEqualTo("replicas: [3");
        assertThat(base.values()).isEqualTo(Map.of("replicas", 2));
        assertThat(base.replaceLeniently("replicas: 3")).isNull();
        assertLayer(base, "replicas: 3");
        assertThatThrownBy(() -> base.replace("a: [")).isInstanceOf(InvalidInputException.class);
        assertLayer(base, "replicas: 3");
    }
}
