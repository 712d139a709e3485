package io.chartroom.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.service.GitOpsRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Two change requests editing the same release, and many merges at once. */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeRequestConcurrencyTest {

    static final Auth DEVELOPER = Auth.user("developer");
    static final Auth APPROVER = Auth.user("approver");

    @LocalServerPort int port;
    @Autowired GitOpsRepository gitops;
    ApiClient api;
    ChangeRequests changes;

    @BeforeAll
    void client() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
    }

    long mergedRelease(String name, Map<String, String> environments) {
        long id = changes.propose(DEVELOPER, ChangeRequests.release(name, "", environments), null).get("id").asLong();
        changes.approve(id, "approver", "approver2");
        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of()).status()).isEqualTo(200);
        return id;
    }

    @Test
    void theSecondOfTwoEditsOfOneReleaseConflictsAndMergesAfterUpdatingFromMain() {
        mergedRelease("twice-web", Map.of("production", "replicaCount: 2\n"));
        long first = changes.propose(DEVELOPER, ChangeRequests.release("twice-web", "", Map.of("production", "replicaCount: 3\n")), "twice-web").get("id").asLong();
        long second = changes.propose(DEVELOPER, ChangeRequests.release("twice-web", "", Map.of("production", "replicaCount: 5\n")), "twice-web").get("id").asLong();
        changes.approve(first, "approver", "approver2");
        changes.approve(second, "approver", "approver2");
        assertThat(api.post("/api/v1/change-requests/" + first + "/merge", APPROVER, Map.of()).status()).isEqualTo(200);
        String main = gitops.main();

        JsonNode details = api.get("/api/v1/change-requests/" + second, DEVELOPER).json();
        assertThat(details.get("mergeability").get("clean").asBoolean()).isFalse();
        assertThat(details.get("mergeability").get("conflicts").toString()).contains("releases/twice-web/values/twice-web--production.yaml");
        ApiClient.Response conflict = api.post("/api/v1/change-requests/" + second + "/merge", APPROVER, Map.of());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("conflicts").toString()).contains("twice-web--production.yaml");
        assertThat(gitops.main()).as("a failed merge leaves main unchanged").isEqualTo(main);

        JsonNode updated = api.post("/api/v1/change-requests/" + second + "/update-from-main", DEVELOPER, Map.of()).json();
        assertThat(updated.get("headCommit").asString()).isNotEqualTo(details.get("changeRequest").get("headCommit").asString());
        details = api.get("/api/v1/change-requests/" + second, DEVELOPER).json();
        assertThat(details.get("mergeability").get("clean").asBoolean()).isTrue();
        assertThat(details.get("policyMet").asBoolean()).as("updating dismissed the approvals").isFalse();
        JsonNode values = ChangeRequestFlowTest.environment(details, "production").get("valuesDiff");
        assertThat(values.asString()).contains("-replicaCount: 3", "+replicaCount: 5");
        changes.approve(second, "approver", "approver2");
        assertThat(api.post("/api/v1/change-requests/" + second + "/merge", APPROVER, Map.of("method", "SQUASH")).status()).isEqualTo(200);
        assertThat(gitops.read(gitops.main(), "releases/twice-web/values/twice-web--production.yaml")).contains("replicaCount: 5\n");
    }

    @Test
    void twentyParallelMergesAllLandOnceOnALinearMain() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long id = changes.propose(DEVELOPER, ChangeRequests.release("par-" + i, "", Map.of("dev", "")), null).get("id").asLong();
            changes.approve(id, "approver");
            ids.add(id);
        }
        String before = gitops.main();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(20)) {
            for (long id : ids) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of("method", "SQUASH"));
                }));
                // the same change request twice at once: a double click
                if (id == ids.getFirst()) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return api.post("/api/v1/change-requests/" + id + "/merge", APPROVER, Map.of("method", "SQUASH"));
                    }));
                }
            }
            start.countDown();
            for (Future<ApiClient.Response> r : results) {
                assertThat(r.get().status()).as(r.get().body()).isEqualTo(200);
            }
        }
        List<GitOpsRepository.CommitInfo> history = gitops.history(gitops.main(), 50);
        List<String> newCommits = new ArrayList<>();
        for (GitOpsRepository.CommitInfo c : history) {
            if (c.id().equals(before)) {
                break;
            }
            assertThat(c.parents()).as("squash merges keep main linear").hasSize(1);
            newCommits.add(c.id());
        }
        assertThat(newCommits).hasSize(20);
        Set<String> mergeCommits = new HashSet<>();
        for (long id : ids) {
            JsonNode cr = api.get("/api/v1/change-requests/" + id, DEVELOPER).json().get("changeRequest");
            assertThat(cr.get("state").asString()).isEqualTo("MERGED");
            mergeCommits.add(cr.get("mergeCommit").asString());
        }
        assertThat(mergeCommits).containsExactlyInAnyOrderElementsOf(newCommits);
        assertThat(gitops.releaseNames(gitops.main())).contains("par-0", "par-19");
    }
}
