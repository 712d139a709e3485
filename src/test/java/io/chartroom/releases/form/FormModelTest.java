package io.chartroom.releases.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.releases.form.FormField;
import io.chartroom.releases.form.InferredFormBuilder;
import io.chartroom.releases.form.SchemaFormBuilder;
import io.chartroom.releases.values.SchemaValidator;
import io.chartroom.releases.values.ValuesYaml;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Forms from schemas (the sample charts', and ones with $ref, oneOf, arrays of objects, maps) and from values.yaml. */
class FormModelTest {

    static final Path SAMPLES = Path.of("src/main/resources/samples/charts");

    static FormField find(FormField.Group group, String... path) {
        FormField field = group;
        for (String key : path) {
            field = switch (field) {
                case FormField.Group g -> g.properties().stream().filter(p -> p.key().equals(key)).findFirst().orElseThrow(
                        () -> new AssertionError("no field " + key + " in " + g.properties().stream().map(FormField::key).toList()));
                case FormField.ListOf l -> l.items();
                default -> throw new AssertionError("cannot descend into " + field);
            };
        }
        return field;
    }

    @Test
    void theWebServiceSchemaBecomesSectionsSelectsBoundsListsAndRequiredMarks() throws Exception {
        FormField.Group form = SchemaFormBuilder.build(Files.readString(SAMPLES.resolve("web-service/values.schema.json")));
        assertThat(find(form, "image")).isInstanceOf(FormField.Group.class);
        assertThat(find(form, "image").required()).isTrue();
        FormField.Scalar pullPolicy = (FormField.Scalar) find(form, "image", "pullPolicy");
        assertThat(pullPolicy.options()).containsExactly("Always", "IfNotPresent", "Never");
        assertThat(pullPolicy.defaultValue()).isEqualTo("IfNotPresent");
        FormField.Scalar replicas = (FormField.Scalar) find(form, "replicaCount");
        assertThat(replicas.type()).isEqualTo(FormField.ScalarType.INTEGER);
        assertThat(replicas.minimum()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(replicas.maximum()).isEqualByComparingTo(BigDecimal.valueOf(20));
        assertThat(replicas.description()).isEqualTo("Pods when autoscaling is off");
        FormField.Scalar cpu = (FormField.Scalar) find(form, "autoscaling", "targetCPUUtilizationPercentage");
        assertThat(cpu.exclusiveMinimum()).isTrue();
        // $ref to #/definitions/resourceList, resolved
        FormField.Scalar memory = (FormField.Scalar) find(form, "resources", "limits", "memory");
        assertThat(memory.pattern()).startsWith("^[0-9]+");
        // array of objects with a required name
        FormField.ListOf env = (FormField.ListOf) find(form, "env");
        assertThat(env.items()).isInstanceOf(FormField.Group.class);
        assertThat(find(form, "env", "", "name").required()).isTrue();
        assertThat(((FormField.ListOf) find(form, "ingress", "paths")).items()).isInstanceOf(FormField.Scalar.class);
        assertThat(((FormField.Scalar) find(form, "ingress", "host")).format()).isEqualTo("hostname");
        assertThat(((FormField.Scalar) find(form, "database", "password")).secret()).isTrue();
        assertThat(find(form, "podAnnotations")).isInstanceOf(FormField.MapOf.class);
    }

    @Test
    void refsOneOfAdditionalPropertiesRecursionAndTuples() {
        FormField.Group form = SchemaFormBuilder.build("""
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$defs": {
                   "port": {"type": "integer", "minimum": 1, "maximum": 65535, "description": "a TCP port"},
                   "node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}
                 },
                 "type": "object",
                 "properties": {
                   "port": {"$ref": "#/$defs/port", "title": "Service port"},
                   "storage": {"oneOf": [
                      {"title": "Empty dir", "type": "object", "properties": {"sizeLimit": {"type": "string"}}},
                      {"title": "Claim", "type": "object", "required": ["claimName"], "properties": {"claimName": {"type": "string"}}}]},
                   "mode": {"anyOf": [{"const": "fast"}, {"const": "safe"}]},
                   "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                   "sidecars": {"type": "array", "items": {"type": "object", "properties": {"image": {"type": "string"}}}},
                   "tree": {"$ref": "#/$defs/node"},
                   "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
                   "anything": {},
                   "nullableName": {"type": ["string", "null"]}
                 }}""");
        FormField.Scalar port = (FormField.Scalar) find(form, "port");
        assertThat(port.title()).isEqualTo("Service port");
        assertThat(port.maximum()).isEqualByComparingTo(BigDecimal.valueOf(65535));
        FormField.Choice storage = (FormField.Choice) find(form, "storage");
        assertThat(storage.alternatives()).extracting(FormField::label).containsExactly("Empty dir", "Claim");
        assertThat(((FormField.Scalar) find(form, "mode")).options()).containsExactly("fast", "safe");
        assertThat(find(form, "labels")).isInstanceOf(FormField.MapOf.class);
        assertThat(((FormField.ListOf) find(form, "sidecars")).items()).isInstanceOf(FormField.Group.class);
        assertThat(find(form, "tree", "child")).isInstanceOf(FormField.YamlOnly.class);
        assertThat(find(form, "pair")).isInstanceOf(FormField.YamlOnly.class);
        assertThat(find(form, "anything")).isInstanceOf(FormField.YamlOnly.class);
        assertThat(((FormField.Scalar) find(form, "nullableName")).nullable()).isTrue();
    }

    @Test
    void withoutASchemaTheFormComesFromValuesYamlTypesAndComments() throws Exception {
        FormField.Group form = InferredFormBuilder.build(Files.readString(SAMPLES.resolve("worker/values.yaml")));
        FormField.Scalar replicas = (FormField.Scalar) find(form, "replicas");
        assertThat(replicas.type()).isEqualTo(FormField.ScalarType.INTEGER);
        assertThat(replicas.description()).isEqualTo("Number of worker pods");
        assertThat(replicas.defaultValue()).isEqualTo(1L);
        assertThat(((FormField.Scalar) find(form, "debug")).type()).isEqualTo(FormField.ScalarType.BOOLEAN);
        assertThat(((FormField.Scalar) find(form, "queue")).description()).isEqualTo("Queue the workers consume");
        assertThat(find(form, "labels")).isInstanceOf(FormField.MapOf.class);
        assertThat(((FormField.ListOf) find(form, "args")).items()).isInstanceOf(FormField.Scalar.class);
        FormField.Group helmDocs = InferredFormBuilder.build("# -- How many pods\nreplicas: 2\napiToken: \"\" # keep it secret\n");
        assertThat(find(helmDocs, "replicas").description()).isEqualTo("How many pods");
        assertThat(((FormField.Scalar) find(helmDocs, "apiToken")).secret()).isTrue();
    }

    @Test
    void schemaProblemsNameTheirField() throws Exception {
        String schema = Files.readString(SAMPLES.resolve("web-service/values.schema.json"));
        List<SchemaValidator.Problem> problems = SchemaValidator.validate(schema, ValuesYaml.parse("""
                image: {tag: "not a tag!"}
                service: {type: Magic, port: 70000}
                replicaCount: 0
                ingress: {host: "not a host"}
                env: [{value: "no name"}]
                """, "values"));
        assertThat(problems).extracting(SchemaValidator.Problem::pathText)
                .contains("image.repository", "image.tag", "service.type", "service.port", "replicaCount", "ingress.host", "env[0].name");
        assertThat(problems).filteredOn(p -> p.pathText().equals("image.repository")).first()
                .extracting(SchemaValidator.Problem::message).isEqualTo("is required");
        assertThat(problems).filteredOn(p -> p.pathText().equals("replicaCount")).first()
                .extracting(SchemaValidator.Problem::message).asString().contains("1");
    }
}
