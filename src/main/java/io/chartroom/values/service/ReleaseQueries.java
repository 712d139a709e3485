package io.chartroom.values.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.gitops.domain.ReleaseDescription;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/** The releases the GitOps repository's main describes: what runs (or is meant to run) today. */
@Service
public class ReleaseQueries {

    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;

    public ReleaseQueries(GitOpsRepository gitops, CurrentUser currentUser) {
        this.gitops = gitops;
        this.currentUser = currentUser;
    }

    public List<ReleaseDescription> onMain() {
        currentUser.require(Role.VIEWER);
        String main = gitops.main();
        return gitops.releaseNames(main).stream().map(name -> gitops.release(main, name).orElseThrow()).toList();
    }

    public ReleaseDescription onMain(String name) {
        currentUser.require(Role.VIEWER);
        return gitops.release(gitops.main(), name).orElseThrow(() -> new NotFoundException("release " + name + " does not exist"));
    }
}
