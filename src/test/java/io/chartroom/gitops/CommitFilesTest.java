package io.chartroom.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.fixtures.AsUser;
import io.chartroom.fixtures.IntegrationTest;
import io.chartroom.gitops.service.CommitFiles;
import io.chartroom.gitops.service.GitOpsRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/** A commit opened from a revision: its files; an id or a directory that is not one is "not found", never a failure. */
@IntegrationTest
class CommitFilesTest {

    @Autowired CommitFiles commits;
    @Autowired GitOpsRepository gitops;
    @Autowired ObjectProvider<SecurityContextHolderStrategy> security;

    @Test
    void badIdsAndDirectoriesAreNotFound() {
        AsUser as = new AsUser(security);
        String main = gitops.main();
        assertThat(as.call("viewer", () -> commits.commit(main, "")).info().id()).isEqualTo(main);
        assertThat(as.call("viewer", () -> commits.commit(main, "releases")).files()).allMatch(f -> f.path().startsWith("releases/"));
        for (String directory : new String[] {"/etc", "a//b", "../x", "releases/"}) {
            assertThatThrownBy(() -> as.call("viewer", () -> commits.commit(main, directory))).as(directory)
                    .isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> as.call("viewer", () -> commits.commit("0".repeat(40), ""))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> as.call("viewer", () -> commits.commit("main", ""))).isInstanceOf(NotFoundException.class);
    }
}
