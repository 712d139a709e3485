package io.chartroom.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** The chart that deploys Chartroom itself lints cleanly and renders what a platform team expects. */
class HelmChartTest {

    static final Path CHART = Path.of("helm", "chartroom");

    /** helm lint takes no values: lint a copy whose values name a database and an issuer, as an installation must. */
    @Test
    void lintsStrictly(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("chartroom");
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path f : files.toList()) {
                Path target = copy.resolve(CHART.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path values = copy.resolve("values.yaml");
        Files.writeString(values, Files.readString(values)
                .replace("url: \"\"", "url: \"jdbc:postgresql://db:5432/chartroom\"")
                .replace("issuerUri: \"\"", "issuerUri: \"https://sso.example.com/realms/corp\""));
        LintResult lint = new Helm(copy).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void rendersDeploymentWithProbesConfigServiceIngressAndServiceAccount() {
        String manifest = new Helm(CHART).template().withName("portal").withNamespace("chartroom")
                .withKubeVersion("1.31.0")
                .set("database.url", "jdbc:postgresql://db:5432/chartroom")
                .set("database.existingSecret", "chartroom-db")
                .set("oidc.issuerUri", "https://sso.example.com/realms/corp")
                .set("oidc.existingSecret", "chartroom-oidc")
                .set("oidc.groupMappings[0].group", "platform-admins")
                .set("oidc.groupMappings[0].roles[0]", "ADMIN")
                .set("ingress.enabled", true)
                .set("gitops.storage", "postgresql")
                .call();
        assertThat(manifest)
                .contains("kind: Deployment", "kind: Service", "kind: Ingress", "kind: ServiceAccount",
                        "kind: ConfigMap", "kind: PersistentVolumeClaim")
                .contains("path: /actuator/health/readiness", "path: /actuator/health/liveness")
                .contains("name: CHARTROOM_OIDC_ISSUER_URI", "value: \"https://sso.example.com/realms/corp\"")
                .contains("name: chartroom-db", "name: chartroom-oidc")
                .contains("group: platform-admins")
                .contains("readOnlyRootFilesystem: true", "runAsNonRoot: true")
                .contains("memory: 2Gi")
                .contains("name: CHARTROOM_GITOPS_STORAGE", "value: \"postgresql\"");
    }

    @Test
    void refusesToRenderWithoutOidcUnlessTheDevelopmentLoginIsAskedFor() {
        assertThatThrownBy(() -> new Helm(CHART).template().withName("portal").withKubeVersion("1.31.0")
                .set("database.url", "jdbc:postgresql://db:5432/chartroom").call())
                .hasMessageContaining("oidc.issuerUri is required");
        String dev = new Helm(CHART).template().withName("portal").withKubeVersion("1.31.0")
                .set("database.url", "jdbc:postgresql://db:5432/chartroom").set("devLogin", true).call();
        assertThat(dev).contains("kind: Deployment").doesNotContain("CHARTROOM_OIDC_ISSUER_URI");
    }

    /** Until open views and the reconciler are shared among replicas (issue 22), one replica. */
    @Test
    void refusesMoreThanOneReplica() {
        assertThatThrownBy(() -> new Helm(CHART).template().withName("portal").withKubeVersion("1.31.0")
                .set("database.url", "jdbc:postgresql://db:5432/chartroom").set("devLogin", true).set("replicaCount", 2).call())
                .hasMessageContaining("replicaCount must be 1");
    }
}
