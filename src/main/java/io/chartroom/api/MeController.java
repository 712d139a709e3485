package io.chartroom.api;

import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Identity")
class MeController {

    /** The caller as Chartroom sees them. */
    record Me(String username, String displayName, List<String> roles, List<String> teams) {
        static Me of(UserIdentity user) {
            return new Me(user.username(), user.displayName(),
                    user.roles().stream().sorted().map(Enum::name).toList(), List.copyOf(user.teams()));
        }
    }

    private final CurrentUser currentUser;

    MeController(CurrentUser currentUser) {
        this.currentUser = currentUser;
    }

    @GetMapping
    @Operation(summary = "The caller: user name, roles (implied ones included) and teams")
    Me me() {
        return Me.of(currentUser.get());
    }
}
