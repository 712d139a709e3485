package io.chartroom.api;

import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.Proposal;
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

    /** The change request a proposal opened; it applies when it merges. */
    record ProposedChange(long changeRequest, String url) {
        static ProposedChange of(long id) {
            return new ProposedChange(id, "/api/v1/change-requests/" + id);
        }
    }

    /** What the change request says about itself (optional; generated when left out). */
    record ProposalText(String title, String description, String message) {}

    /** An environment as an admin proposes it; {@code proposal}: the change request's title and description. */
    record EnvironmentRequest(String name, Integer position, String description, String clusterSelector, String kubeVersion, Boolean selfHeal,
                              Boolean pruneCrds, ProposalText proposal) {
        EnvironmentService.Draft draft(String name) {
            return new EnvironmentService.Draft(name, position, description, clusterSelector, kubeVersion, selfHeal, pruneCrds);
        }

        Proposal asProposal() {
            return proposal == null ? Proposal.generated() : new Proposal(proposal.title(), proposal.description(), proposal.message());
        }
    }

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
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Propose an environment (ADMIN): a change request on environments.yaml, applied when it merges")
    ProposedChange create(@RequestBody EnvironmentRequest request) {
        return ProposedChange.of(environments.proposeCreate(request.draft(request.name()), request.asProposal()));
    }

    @PutMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Propose a change of an environment (ADMIN); settings left out keep their value")
    ProposedChange update(@PathVariable String name, @RequestBody EnvironmentRequest request) {
        return ProposedChange.of(environments.proposeUpdate(name, request.draft(name), request.asProposal()));
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Propose removing an environment no release runs in (ADMIN)")
    ProposedChange remove(@PathVariable String name) {
        return ProposedChange.of(environments.proposeRemoval(name, null));
    }
}
