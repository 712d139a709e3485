package io.chartroom.api;

import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.reconcile.domain.SyncState;
import io.chartroom.reconcile.domain.UnitStatus;
import io.chartroom.reconcile.service.ReleaseStatusService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Clusters and status")
class ClusterController {

    /**
     * A cluster as the API shows it: never its credentials. {@code reconciledBy}: the portal replica that reconciles it
     * now (null: none yet, or a response to a registration).
     */
    record ClusterView(String name, String description, Map<String, String> labels, String kind, boolean simulated, String kubeVersion,
                       String apiUrl, String context, String region, String eksClusterName, Instant checkedAt, String checkError,
                       boolean insecureSkipTlsVerify, String reconciledBy) {
        static ClusterView of(Cluster c, Map<String, String> reconciledBy) {
            return new ClusterView(c.name(), c.description(), c.labels(), c.kind().name(), c.simulated(), c.kubeVersion(), c.apiUrl(),
                    c.contextName(), c.region(), c.eksClusterName(), c.checkedAt(), c.checkError(), c.tlsUnverified(),
                    reconciledBy.get(c.name()));
        }
    }

    record UnitView(String release, String environment, String cluster, String revision, String sync, String health, String message,
                    List<String> drift, int attempts, Instant nextAttemptAt, Instant lastAppliedAt, Instant updatedAt, int objects,
                    String failureKind) {
        static UnitView of(UnitStatus s) {
            return new UnitView(s.key().release(), s.key().environment(), s.key().cluster(), s.revision(), s.sync().name(),
                    s.health().name(), s.message(), s.drift(), s.attempts(), s.nextAttemptAt(), s.lastAppliedAt(), s.updatedAt(),
                    s.objects(), s.sync() == SyncState.FAILED && s.failureKind() != null ? s.failureKind().name() : null);
        }
    }

    private final ClusterService clusters;
    private final ReleaseStatusService status;

    ClusterController(ClusterService clusters, ReleaseStatusService status) {
        this.clusters = clusters;
        this.status = status;
    }

    @GetMapping("/clusters")
    List<ClusterView> list() {
        List<Cluster> all = clusters.list();
        Map<String, String> reconciledBy = status.reconciledBy(all.stream().map(Cluster::name).toList());
        return all.stream().map(c -> ClusterView.of(c, reconciledBy)).toList();
    }

    @GetMapping("/clusters/{name}")
    ClusterView get(@PathVariable String name) {
        return ClusterView.of(clusters.get(name), status.reconciledBy(List.of(name)));
    }

    @PostMapping("/clusters")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a cluster from a kubeconfig, an API URL with a token, or EKS (ADMIN); tests the connection")
    ClusterView register(@RequestBody ClusterService.Draft draft) {
        return ClusterView.of(clusters.register(draft), Map.of());
    }

    @PutMapping("/clusters/{name}")
    @Operation(summary = "Change a cluster's labels, description or credentials (ADMIN); blank secrets keep the stored ones")
    ClusterView update(@PathVariable String name, @RequestBody ClusterService.Draft draft) {
        return ClusterView.of(clusters.update(name, draft), status.reconciledBy(List.of(name)));
    }

    @DeleteMapping("/clusters/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable String name) {
        clusters.remove(name);
    }

    @PostMapping("/clusters/{name}/test")
    @Operation(summary = "Test the connection: the server's version, or why it failed")
    ClusterService.Check test(@PathVariable String name) {
        return clusters.test(name);
    }

    @GetMapping("/clusters/{name}/units")
    @Operation(summary = "The releases a cluster runs, with their state")
    List<UnitView> units(@PathVariable String name) {
        return status.onCluster(name).stream().map(UnitView::of).toList();
    }

    @PostMapping("/clusters/{name}/confirm-removals")
    @Operation(summary = "Confirm that the objects of a cluster's orphaned or held units (one release's, if given) may be deleted (ADMIN); audited")
    Map<String, Integer> confirmRemovals(@PathVariable String name,
                                         @org.springframework.web.bind.annotation.RequestParam(required = false) String release) {
        return Map.of("units", status.confirmRemovals(name, release));
    }

    @GetMapping("/releases/{name}/status")
    @Operation(summary = "A release's units (environment x cluster): sync, health (HEALTHY, SUSPENDED, PROGRESSING, UNKNOWN, MISSING, "
            + "DEGRADED), revision, last applied, drift")
    List<UnitView> releaseStatus(@PathVariable String name) {
        return status.units(name).stream().map(UnitView::of).toList();
    }

    @PostMapping("/releases/{name}/sync")
    @Operation(summary = "Apply a release's units again now (APPROVER); with rotateGeneratedSecrets=true, Secret keys the chart generates are made anew")
    Map<String, Integer> sync(@PathVariable String name,
                              @org.springframework.web.bind.annotation.RequestParam(defaultValue = "false") boolean rotateGeneratedSecrets) {
        return Map.of("units", rotateGeneratedSecrets ? status.rotateGeneratedSecrets(name) : status.syncNow(name));
    }

    @PostMapping("/releases/{name}/tests")
    @Operation(summary = "Run a release's Helm test hooks on every unit it has (APPROVER); results in the release's history and the audit log (reconcile.tests_passed / tests_failed, by the user)")
    Map<String, Integer> tests(@PathVariable String name) {
        return Map.of("units", status.runTests(name));
    }

    @PostMapping("/releases/{name}/units/{environment}/{cluster}/tests")
    @Operation(summary = "Run a release's Helm test hooks on one unit: one environment, one cluster (APPROVER); result in the release's history and the audit log (reconcile.tests_passed / tests_failed, by the user)")
    Map<String, Integer> unitTests(@PathVariable String name, @PathVariable String environment, @PathVariable String cluster) {
        status.runTests(name, environment, cluster);
        return Map.of("units", 1);
    }

    @GetMapping("/status/problems")
    @Operation(summary = "Units that failed, wait for a removal to be confirmed, drifted, or are unhealthy (rollouts in progress and "
            + "suspended workloads are not listed), across all clusters")
    List<UnitView> problems() {
        return status.problems().stream().map(UnitView::of).toList();
    }
}
