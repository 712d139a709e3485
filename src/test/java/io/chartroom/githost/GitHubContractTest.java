package io.chartroom.githost;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.fixtures.GitHubContract;
import org.junit.jupiter.api.Test;

/** The contract check refuses what GitHub would refuse, so that a passing flow test means something. */
class GitHubContractTest {

    @Test
    void whatGitHubWouldRefuseIsRefused() {
        assertThat(GitHubContract.problems("POST", "/repos/acme/gitops/statuses/" + "a".repeat(40),
                "{\"state\": \"success\", \"context\": \"chartroom/render dev\", \"description\": \"renders\"}")).isEmpty();
        assertThat(GitHubContract.problems("POST", "/repos/acme/gitops/statuses/" + "a".repeat(40), "{\"state\": \"SUCCESS\"}"))
                .as("a state GitHub does not know").isNotEmpty();
        assertThat(GitHubContract.problems("PUT", "/repos/acme/gitops/pulls/7/merge", "{\"merge_method\": \"fast-forward\"}"))
                .as("a merge method GitHub does not have").isNotEmpty();
        assertThat(GitHubContract.problems("POST", "/repos/acme/gitops/pulls", "{\"title\": \"x\", \"base\": \"main\"}"))
                .as("a pull request without its head").isNotEmpty();
        assertThat(GitHubContract.problems("DELETE", "/repos/acme/gitops/pulls/7", "{}")).as("an operation Chartroom does not call").isNotEmpty();
    }
}
