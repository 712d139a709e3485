package io.chartroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * docker-compose.yml cannot run here (no Docker engine), so check what can be checked: it parses, wires
 * Chartroom to PostgreSQL and Keycloak, and the realm it imports has the client, groups and mapper that
 * Chartroom's configuration expects.
 */
class ContainerRunFilesTest {

    @Test
    void composeWiresChartroomToPostgresAndKeycloak() throws Exception {
        JsonNode compose = YAMLMapper.builder().build().readTree(Files.readString(Path.of("docker-compose.yml")));
        JsonNode services = compose.get("services");
        assertThat(services.has("postgres")).isTrue();
        assertThat(services.has("keycloak")).isTrue();
        JsonNode env = services.get("chartroom").get("environment");
        assertThat(env.get("CHARTROOM_DB_URL").asString()).startsWith("jdbc:postgresql://");
        assertThat(env.get("CHARTROOM_OIDC_ISSUER_URI").asString()).endsWith("/realms/chartroom");
        assertThat(services.get("chartroom").get("image").asString())
                .as("the image the Jib build produces").isEqualTo("chartroom:0.1.0-SNAPSHOT");

        JsonNode mappings = JsonMapper.builder().build().readTree(env.get("SPRING_APPLICATION_JSON").asString())
                .get("chartroom").get("security").get("group-mappings");
        JsonNode realm = JsonMapper.builder().build().readTree(Files.readString(Path.of("deploy/keycloak/chartroom-realm.json")));
        for (JsonNode mapping : mappings) {
            String group = mapping.get("group").asString();
            assertThat(realm.get("groups").valueStream().map(g -> g.get("name").asString())).contains(group);
        }
        JsonNode client = realm.get("clients").get(0);
        assertThat(client.get("clientId").asString()).isEqualTo(env.get("CHARTROOM_OIDC_CLIENT_ID").asString());
        assertThat(client.get("secret").asString()).isEqualTo(env.get("CHARTROOM_OIDC_CLIENT_SECRET").asString());
        assertThat(client.get("protocolMappers").valueStream().map(m -> m.get("config").get("claim.name")))
                .anySatisfy(claim -> assertThat(claim.asString()).isEqualTo("groups"));
    }
}
