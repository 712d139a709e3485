package io.chartroom.api;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.service.ConnectionReport;
import io.chartroom.githost.service.GitHostDraft;
import io.chartroom.githost.service.GitHosts;
import io.chartroom.githost.service.HostWebhooks;
import org.springframework.web.bind.annotation.RequestHeader;
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

    static final int MAX_DELIVERY = 25 * 1024 * 1024;

    private final GitHosts hosts;
    private final HostWebhooks webhooks;

    GitHostController(GitHosts hosts, HostWebhooks webhooks) {
        this.hosts = hosts;
        this.webhooks = webhooks;
    }

    /** Where the host sends its webhooks; no user signs in: the delivery's signature (or GitLab's token) is checked. */
    @PostMapping("/webhook")
    @Operation(summary = "Webhooks from the Git host (push, pull request, review): 202 when verified, 401 when the signature does not match")
    org.springframework.http.ResponseEntity<java.util.Map<String, String>> webhook(@RequestHeader org.springframework.http.HttpHeaders headers,
                                                                                  jakarta.servlet.http.HttpServletRequest request) throws java.io.IOException {
        // read at most what a host sends (GitHub caps deliveries at 25 MB) before anything is checked: no login guards this door
        byte[] body = request.getInputStream().readNBytes(MAX_DELIVERY + 1);
        if (body.length > MAX_DELIVERY) {
            return org.springframework.http.ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(java.util.Map.of("status", "refused",
                    "detail", "a delivery is at most " + MAX_DELIVERY / 1024 / 1024 + " MB"));
        }
        java.util.Map<String, String> first = new java.util.HashMap<>();
        headers.forEach((name, values) -> first.put(name, values.isEmpty() ? "" : values.getFirst()));
        try {
            HostWebhooks.Outcome outcome = webhooks.receive(first, body);
            return org.springframework.http.ResponseEntity.accepted().body(java.util.Map.of("status", outcome.name().toLowerCase()));
        } catch (HostWebhooks.Refused refused) {
            return org.springframework.http.ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(java.util.Map.of("status", "refused",
                    "detail", refused.getMessage()));
        }
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
