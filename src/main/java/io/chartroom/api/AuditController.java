package io.chartroom.api;

import io.chartroom.audit.domain.AuditFilter;
import io.chartroom.audit.domain.AuditRecord;
import io.chartroom.audit.service.AuditChainVerifier;
import io.chartroom.audit.service.AuditLog;
import io.chartroom.audit.service.ReleaseTimeline;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.security.domain.AppUser;
import io.chartroom.security.service.AppUserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Audit")
class AuditController {

    private final AuditLog audit;
    private final ReleaseTimeline timeline;
    private final AppUserService users;

    AuditController(AuditLog audit, ReleaseTimeline timeline, AppUserService users) {
        this.audit = audit;
        this.timeline = timeline;
        this.users = users;
    }

    @GetMapping("/audit")
    @Operation(summary = "ADMIN: audit rows, newest first, filtered; page with beforeId (the last id seen) or page/size")
    List<AuditRecord> search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                             @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                             @RequestParam(required = false) String target, @RequestParam(required = false) String outcome,
                             @RequestParam(required = false) String q, @RequestParam(required = false) Long beforeId,
                             @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "100") int size) {
        int limit = Math.clamp(size, 1, AuditLog.MAX_PAGE);
        return audit.search(filter(from, to, actor, action, target, outcome, q), beforeId, page * limit, limit);
    }

    @GetMapping("/audit/export")
    @Operation(summary = "ADMIN: the filtered rows as CSV or JSON lines (format=csv|jsonl), streamed")
    void export(@RequestParam(defaultValue = "csv") String format, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String actor,
                @RequestParam(required = false) String action, @RequestParam(required = false) String target,
                @RequestParam(required = false) String outcome, @RequestParam(required = false) String q,
                HttpServletResponse response) {
        AuditLog.ExportFormat exportFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> AuditLog.ExportFormat.CSV;
            case "jsonl", "ndjson" -> AuditLog.ExportFormat.JSONL;
            default -> throw InvalidInputException.of("format", "use csv or jsonl");
        };
        audit.export(filter(from, to, actor, action, target, outcome, q), exportFormat, () -> {
            response.setContentType(exportFormat == AuditLog.ExportFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson");
            response.setHeader("Content-Disposition", "attachment; filename=\"chartroom-audit." + format.toLowerCase(Locale.ROOT) + "\"");
            return response.getOutputStream();
        });
    }

    @PostMapping("/audit/verify")
    @Operation(summary = "ADMIN: verify the hash chain of the whole audit log; reports the first broken row")
    AuditChainVerifier.Result verify() {
        return audit.verify();
    }

    record ReanchorRequest(String reason) {}

    @PostMapping("/audit/reanchor")
    @Operation(summary = "ADMIN: accept the break verification reports after restoring a backup (never a changed row); audited with the reason")
    AuditChainVerifier.Result reanchor(@org.springframework.web.bind.annotation.RequestBody ReanchorRequest request) {
        return audit.reanchor(request.reason());
    }

    @GetMapping("/releases/{name}/timeline")
    @Operation(summary = "A release's history: submissions, reviews, merges, applies per cluster, oldest first")
    List<AuditRecord> timeline(@PathVariable String name) {
        return timeline.of(name);
    }

    @GetMapping("/users")
    @Operation(summary = "ADMIN: users seen, with the roles and teams of their last login")
    List<AppUser> users() {
        return users.all();
    }

    private static AuditFilter filter(String from, String to, String actor, String action, String target, String outcome, String q) {
        return new AuditFilter(instant("from", from), instant("to", to), actor, action, target,
                outcome == null || outcome.isBlank() ? null : outcome(outcome), q);
    }

    private static String outcome(String value) {
        try {
            return AuditEntry.Outcome.valueOf(value.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("outcome", "use one of " + java.util.Arrays.toString(AuditEntry.Outcome.values()));
        }
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.of(field, "an ISO-8601 instant such as 2026-01-31T00:00:00Z, not \"" + value + "\"");
        }
    }
}
