package io.chartroom.api;

import io.chartroom.security.domain.ApiToken;
import io.chartroom.security.service.ApiTokenService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/tokens")
@Tag(name = "Personal access tokens")
class TokenController {

    record TokenView(long id, String name, String prefix, Instant createdAt, Instant expiresAt, Instant lastUsedAt,
                     Instant revokedAt) {
        static TokenView of(ApiToken t) {
            return new TokenView(t.id(), t.name(), t.prefix(), t.createdAt(), t.expiresAt(), t.lastUsedAt(), t.revokedAt());
        }
    }

    record CreateToken(String name, Integer days) {}

    /** The created token; {@code token} is the secret and is never returned again. */
    record CreatedToken(TokenView metadata, String token) {}

    private final ApiTokenService tokens;

    TokenController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "The caller's tokens (without secrets)")
    List<TokenView> mine() {
        return tokens.mine().stream().map(TokenView::of).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token for the caller; the secret is in the response only")
    CreatedToken create(@RequestBody CreateToken request) {
        ApiTokenService.CreatedToken created = tokens.create(request.name(),
                Duration.ofDays(request.days() == null ? 90 : request.days()));
        return new CreatedToken(TokenView.of(created.token()), created.secret());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token (one's own; ADMINs any)")
    void revoke(@PathVariable long id) {
        tokens.revoke(id);
    }
}
