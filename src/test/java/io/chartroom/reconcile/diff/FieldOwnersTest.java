package io.chartroom.reconcile.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Who changed a field is read from managedFields, as the real API server records them (shape taken from kube-apiserver 1.20). */
class FieldOwnersTest {

    @SuppressWarnings("unchecked")
    static final Map<String, Object> LIVE = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              managedFields:
              - manager: chartroom
                operation: Apply
                time: "2026-12-01T10:00:00Z"
                fieldsV1:
                  f:metadata: {f:labels: {f:app: {}}}
                  f:spec:
                    f:template:
                      f:spec:
                        f:containers:
                          k:{"name":"app"}:
                            .: {}
                            f:name: {}
                            f:args: {}
              - manager: annotator
                operation: Apply
                time: "2026-12-01T11:00:00Z"
                fieldsV1:
                  f:metadata: {f:annotations: {f:team.example/owner: {}}}
              - manager: ops-bot
                operation: Apply
                time: "2026-12-01T10:30:00Z"
                fieldsV1:
                  f:spec: {f:replicas: {}}
              - manager: kubectl-set
                operation: Update
                time: "2026-12-01T10:45:00Z"
                fieldsV1:
                  f:spec:
                    f:template:
                      f:spec:
                        f:containers:
                          k:{"name":"app"}:
                            f:image: {}
              - manager: kube-controller-manager
                operation: Update
                time: "2026-12-01T12:00:00Z"
                fieldsV1:
                  f:status: {f:replicas: {}}
            """);

    @Test
    void theManagerOwningTheFieldIsNamedNotTheNewestOne() {
        assertThat(FieldOwners.changedBy(LIVE, List.of("spec", "replicas"))).isEqualTo("ops-bot");
    }

    @Test
    void listItemsAreFollowedByTheirKey() {
        assertThat(FieldOwners.changedBy(LIVE, List.of("spec", "template", "spec", "containers", new FieldDrift.Named("app"), "image")))
                .isEqualTo("kubectl-set");
    }

    @Test
    void aFieldChartroomStillOwnsWasChangedByTheApiServer() {
        assertThat(FieldOwners.changedBy(LIVE, List.of("spec", "template", "spec", "containers", new FieldDrift.Named("app"), "args", 0)))
                .as("an atomic list only chartroom owns").isEmpty();
        assertThat(FieldOwners.changedBy(LIVE, List.of("spec", "paused"))).as("nobody owns it").isEmpty();
        assertThat(FieldOwners.changedBy(Map.of("metadata", Map.of()), List.of("spec"))).isEmpty();
    }
}
