package io.chartroom.environments.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.domain.LegacyEnvironmentSettings;
import io.chartroom.gitops.domain.EnvironmentDefinition;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.LayoutException;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.gitops.service.GitOpsRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The environments as environments.yaml at a commit says, in its order: the truth the reconciler and the portal
 * read (nothing of it in the database). Settings a file written before it held them leaves open come from the
 * table the database used to keep (read only), else from the defaults: self-heal on, CRDs kept. A file that is
 * not Chartroom's lists none (the repository check reports why). Kept per commit: commits never change.
 */
@Component
class EnvironmentsAtCommit {

    private final GitOpsRepository gitops;
    private final LegacyEnvironmentSettings legacy;
    private final Cache<String, List<Environment>> byCommit = Caffeine.newBuilder().maximumSize(64).build();

    EnvironmentsAtCommit(GitOpsRepository gitops, LegacyEnvironmentSettings legacy) {
        this.gitops = gitops;
        this.legacy = legacy;
    }

    List<Environment> at(String commit) {
        return byCommit.get(gitops.describing(commit), this::read);
    }

    /** The file as written at the commit, settings left open as they are (null); empty when absent or not Chartroom's. */
    List<EnvironmentDefinition> definitions(String commit) {
        try {
            return gitops.read(gitops.describing(commit), RepositoryLayout.ENVIRONMENTS).map(EnvironmentsLayout::read).orElse(List.of());
        } catch (LayoutException notChartrooms) {
            return List.of();
        }
    }

    private List<Environment> read(String commit) {
        Map<String, LegacyEnvironmentSettings.Settings> old = null;
        List<Environment> environments = new ArrayList<>();
        int position = 1;
        for (EnvironmentDefinition d : definitions(commit)) {
            if ((d.selfHeal() == null || d.pruneCrds() == null) && old == null) {
                old = legacy.all();
            }
            LegacyEnvironmentSettings.Settings was = old == null ? null : old.get(d.name());
            boolean selfHeal = d.selfHeal() != null ? d.selfHeal() : was == null || was.selfHeal();
            boolean pruneCrds = d.pruneCrds() != null ? d.pruneCrds() : was != null && was.pruneCrds();
            environments.add(new Environment(d.name(), position++, d.description(), d.clusterSelector(), d.kubeVersion(), selfHeal,
                    pruneCrds, d.approvals()));
        }
        return List.copyOf(environments);
    }
}
