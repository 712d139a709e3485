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

    /**
     * Issue 22: several replicas keep nothing on disk (an emptyDir for caches, the audit checkpoint in a ConfigMap that
     * only they may read and write), with session affinity, a disruption budget and the audit key from a secret; the
     * chart refuses them without the repository in PostgreSQL or a shared audit key.
     */
    @Test
    void rendersSeveralReplicasOnlyWithWhatTheyShare() {
        java.util.function.Function<String[], String> render = extra -> {
            var template = new Helm(CHART).template().withName("portal").withKubeVersion("1.31.0").set("devLogin", true)
                    .set("replicaCount", 3).set("ingress.enabled", true).set("secretKey.existingSecret", "chartroom-secret-key");
            for (int i = 0; i < extra.length; i += 2) {
                template = template.set(extra[i], extra[i + 1]);
            }
            return template.call();
        };
        assertThatThrownBy(() -> render.apply(new String[] {"gitops.storage", "disk", "database.url", "jdbc:postgresql://db:5432/chartroom",
                "audit.existingSecret", "k"}))
                .hasMessageContaining("needs gitops.storage: postgresql");
        assertThatThrownBy(() -> render.apply(new String[] {"gitops.storage", "postgresql", "database.url", "jdbc:postgresql://db:5432/chartroom"}))
                .hasMessageContaining("needs audit.existingSecret");
        String manifest = render.apply(new String[] {"gitops.storage", "postgresql", "database.url", "jdbc:postgresql://db:5432/chartroom",
                "audit.existingSecret", "chartroom-audit"});
        assertThat(manifest).contains("kind: Deployment", "replicas: 3", "type: RollingUpdate", "emptyDir: {}", "kind: PodDisruptionBudget",
                        "maxUnavailable: 1", "sessionAffinity: ClientIP", "nginx.ingress.kubernetes.io/affinity: cookie",
                        "name: CHARTROOM_AUDIT_KEY", "name: chartroom-audit", "name: CHARTROOM_AUDIT_CHECKPOINT_CONFIG_MAP",
                        "value: portal-chartroom-audit-checkpoint", "automountServiceAccountToken: true", "kind: Role\n",
                        "resourceNames: [portal-chartroom-audit-checkpoint]", "kind: RoleBinding", "verbs: [get, update]",
                        "helm.sh/resource-policy: keep", "name: CHARTROOM_SECRET_KEY", "name: chartroom-secret-key")
                .doesNotContain("kind: StatefulSet", "kind: PersistentVolumeClaim\n", "claimName:", "verbs: [create]");
        assertThatThrownBy(() -> new Helm(CHART).template().withName("portal").withKubeVersion("1.31.0").set("devLogin", true)
                .set("replicaCount", 2).set("database.url", "jdbc:postgresql://db:5432/chartroom").set("audit.existingSecret", "k").call())
                .hasMessageContaining("needs secretKey.existingSecret");
        String single = new Helm(CHART).template().withName("portal").withKubeVersion("1.31.0").set("devLogin", true)
                .set("database.url", "jdbc:postgresql://db:5432/chartroom").call();
        assertThat(single).as("one replica: a Deployment on its claim; the repository in the database by default")
                .contains("name: CHARTROOM_GITOPS_STORAGE\n              value: \"postgresql\"")
                .contains("kind: Deployment", "type: Recreate", "claimName: portal-chartroom", "kind: PersistentVolumeClaim")
                .doesNotContain("PodDisruptionBudget", "sessionAffinity", "CHECKPOINT_CONFIG_MAP", "kind: Role");
    }
}
