package io.chartroom.api;

import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
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
@RequestMapping("/api/v1/environments")
@Tag(name = "Environments")
class EnvironmentController {

    record ClusterView(String name, String kubeVersion, boolean simulated) {}

    record EnvironmentView(String name, int position, String description, String clusterSelector, String kubeVersion,
                           boolean selfHeal, boolean pruneCrds, List<ClusterView> clusters, List<String> warnings) {
        static EnvironmentView of(EnvironmentService.Targets t) {
            Environment e = t.environment();
            return new EnvironmentView(e.name(), e.position(), e.description(), e.clusterSelector(), e.kubeVersion(), e.selfHeal(), e.pruneCrds(),
                    t.clusters().stream().map(c -> new ClusterView(c.name(), c.kubeVersion(), c.simulated())).toList(), t.warnings());
        }
    }

    private final EnvironmentService environments;

    EnvironmentController(EnvironmentService environments) {
        this.environments = environments;
    }

    @GetMapping
    @Operation(summary = "Environments in order, with the clusters each selects now")
    List<EnvironmentView> list() {
        return environments.targets().stream().map(EnvironmentView::of).toList();
    }

    @GetMapping("/{name}")
    EnvironmentView get(@PathVariable String name) {
        return EnvironmentView.of(environments.targets(name));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an environment (ADMIN)")
    EnvironmentView create(@RequestBody EnvironmentService.Draft draft) {
        return EnvironmentView.of(environments.targets(environments.create(draft).name()));
    }

    @PutMapping("/{name}")
    @Operation(summary = "Change an environment (ADMIN)")
    EnvironmentView update(@PathVariable String name, @RequestBody EnvironmentService.Draft draft) {
        environments.update(name, draft);
        return EnvironmentView.of(environments.targets(name));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an environment (ADMIN)")
    void remove(@PathVariable String name) {
        environments.remove(name);
    }
}
