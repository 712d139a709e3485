package io.chartroom.releases.service;

import io.chartroom.base.event.RemovalCheck;
import io.chartroom.gitops.service.GitOpsRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** A chart repository that releases on main take their chart from is not removed: they could not render. */
@Component
class RepositoryRemovalGuard {

    private final GitOpsRepository gitops;

    RepositoryRemovalGuard(GitOpsRepository gitops) {
        this.gitops = gitops;
    }

    @EventListener
    void onRemoval(RemovalCheck check) {
        if (!"repository".equals(check.kind())) {
            return;
        }
        String main = gitops.main();
        for (String name : gitops.releaseNames(main)) {
            try {
                gitops.release(main, name).filter(r -> r.chart().repository().equals(check.name()))
                        .ifPresent(r -> check.usedBy("release " + r.name()));
            } catch (RuntimeException unreadable) {
                // a release Chartroom cannot read is listed under the repository's problems, not here
            }
        }
    }
}
