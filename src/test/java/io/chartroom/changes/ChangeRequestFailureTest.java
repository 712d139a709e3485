package io.chartroom.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.startsWith;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import io.chartroom.fixtures.ApiClient;
import io.chartroom.fixtures.ApiClient.Auth;
import io.chartroom.fixtures.ChangeRequests;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.service.GitOpsRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * I/O errors in the middle of opening and merging (injected into the real repository): nothing is left half
 * done. Its own Spring context, because the repository is wrapped for fault injection.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangeRequestFailureTest {

    static final Auth DEVELOPER = Auth.user("developer");

    @LocalServerPort int port;
    @MockitoSpyBean GitOpsRepository gitops;
    ApiClient api;
    ChangeRequests changes;

    @BeforeAll
    void client() {
        api = new ApiClient(port);
        changes = new ChangeRequests(api);
        changes.awaitSamples();
    }

    @AfterEach
    void heal() {
        reset(gitops);
    }

    int changeRequestCount() {
        return api.get("/api/v1/change-requests", DEVELOPER).json().get("total").asInt();
    }

    long branchCount() throws IOException {
        return gitops.repository().getRefDatabase().getRefsByPrefix("refs/heads/cr/").stream().map(Ref::getName).count();
    }

    /** The branch is written, then the disk reports an error: the branch must go, and no change request stays. */
    @Test
    void anErrorAfterTheBranchIsWrittenLeavesNoBranchAndNoChangeRequest() throws Exception {
        int before = changeRequestCount();
        long branches = branchCount();
        doAnswer(call -> {
            call.callRealMethod();
            throw new UncheckedIOException(new IOException("simulated: No space left on device"));
        }).when(gitops).updateRef(startsWith("refs/heads/cr/"), any(), any());

        ApiClient.Response failed = api.post("/api/v1/change-requests", DEVELOPER,
                Map.of("release", ChangeRequests.release("fail-web", "", Map.of("dev", ""))));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(changeRequestCount()).isEqualTo(before);
        assertThat(branchCount()).isEqualTo(branches);

        reset(gitops);
        long id = changes.propose(DEVELOPER, ChangeRequests.release("fail-web", "", Map.of("dev", "")), null).get("id").asLong();
        assertThat(gitops.resolve("refs/heads/cr/" + id)).as("the name is free again, the next attempt works").isPresent();
    }

    @Test
    void aMergeWhoseMainUpdateFailsLeavesMainUnchangedAndTheChangeRequestOpen() {
        long id = changes.propose(DEVELOPER, ChangeRequests.release("fail-merge", "", Map.of("dev", "")), null).get("id").asLong();
        changes.approve(id, "approver");
        String main = gitops.main();
        doAnswer(call -> {
            call.callRealMethod();
            throw new UncheckedIOException(new IOException("simulated: Input/output error"));
        }).when(gitops).updateRef(eq(GitOpsRepository.MAIN), any(), any());

        ApiClient.Response failed = api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of());
        assertThat(failed.status()).isEqualTo(500);
        reset(gitops);
        assertThat(gitops.main()).isEqualTo(main);
        assertThat(api.get("/api/v1/change-requests/" + id, DEVELOPER).json().get("changeRequest").get("state").asString()).isEqualTo("OPEN");

        assertThat(api.post("/api/v1/change-requests/" + id + "/merge", Auth.user("approver"), Map.of()).status()).isEqualTo(200);
        assertThat(gitops.main()).isNotEqualTo(main);
    }
}
