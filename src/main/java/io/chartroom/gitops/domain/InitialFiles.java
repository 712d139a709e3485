package io.chartroom.gitops.domain;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** What a new, empty GitOps repository's first commit holds: the root helmfile, no environments yet, a README. */
public final class InitialFiles {

    private InitialFiles() {
    }

    public static Map<String, @Nullable String> of() {
        Map<String, @Nullable String> files = new TreeMap<>();
        files.put(RepositoryLayout.HELMFILE, RepositoryLayout.rootHelmfile());
        files.put(RepositoryLayout.ENVIRONMENTS, EnvironmentsLayout.write(List.of()));
        files.put("README.md", """
                # GitOps repository

                Managed by Chartroom. Each release lives under `releases/<name>/` in helmfile's layout; `environments.yaml`
                lists the environments and the clusters they select. Change releases through Chartroom's change requests:
                pushes to `main` are refused.
                """);
        return files;
    }
}
