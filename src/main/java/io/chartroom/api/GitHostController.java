package io.chartroom.api;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport;
import io.chartroom.githost.service.GitHostDraft;
import io.chartroom.githost.service.GitHosts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/git-host")
@Tag(name = "Git host")
class GitHostController {

    private final GitHosts hosts;

    GitHostController(GitHosts hosts) {
        this.hosts = hosts;
    }

    @GetMapping
    @Operation(summary = "Where change requests become pull/merge requests (never the token); 404 on the built-in repository alone")
    GitHost current() {
        return hosts.current().orElseThrow(() -> new NotFoundException("no Git host is configured: change requests stay in Chartroom"));
    }

    @PutMapping
    @Operation(summary = "Sets the Git host (ADMIN); a missing or empty token keeps the stored one")
    GitHost save(@RequestBody GitHostDraft draft) {
        return hosts.save(draft);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Removes the Git host (ADMIN)")
    void remove() {
        if (!hosts.remove()) {
            throw new NotFoundException("no Git host is configured");
        }
    }

    @PostMapping("/test")
    @Operation(summary = "Tests a host's settings before or after saving them (ADMIN): what Chartroom may do there and what is missing")
    ConnectionReport test(@RequestBody GitHostDraft draft) {
        return hosts.test(draft);
    }
}
