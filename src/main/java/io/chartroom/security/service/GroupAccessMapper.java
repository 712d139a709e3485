package io.chartroom.security.service;

import io.chartroom.base.settings.InvalidSettingException;
import io.chartroom.security.domain.Role;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Component;

/**
 * Turns the groups an identity provider reports into Chartroom roles (with the roles they imply) and teams,
 * following chartroom.security.group-mappings. The mapping is checked at startup: a role name that does not
 * exist stops the portal with a message naming the entry.
 */
@Component
public class GroupAccessMapper {

    /** What a set of groups grants. */
    public record Access(Set<Role> roles, SortedSet<String> teams) {
        public boolean isEmpty() {
            return roles.isEmpty();
        }
    }

    private record Grant(Set<Role> roles, List<String> teams) {}

    private final Map<String, Grant> grantsByGroup = new HashMap<>();
    private final Role defaultRole;

    public GroupAccessMapper(SecuritySettings settings) {
        List<SecuritySettings.GroupMapping> mappings = settings.groupMappings();
        for (int i = 0; i < mappings.size(); i++) {
            SecuritySettings.GroupMapping m = mappings.get(i);
            String where = "chartroom.security.group-mappings[" + i + "]";
            if (m.group() == null || m.group().isBlank()) {
                throw new InvalidSettingException(where + ".group", "the group name is missing");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (int r = 0; r < m.roles().size(); r++) {
                try {
                    roles.addAll(Role.parse(m.roles().get(r)).withImplied());
                } catch (IllegalArgumentException e) {
                    throw new InvalidSettingException(where + ".roles[" + r + "]", e.getMessage() + " for group '" + m.group() + "'");
                }
            }
            grantsByGroup.merge(m.group(), new Grant(roles, m.teams()), (a, b) -> {
                Set<Role> all = EnumSet.noneOf(Role.class);
                all.addAll(a.roles());
                all.addAll(b.roles());
                List<String> teams = new java.util.ArrayList<>(a.teams());
                teams.addAll(b.teams());
                return new Grant(all, teams);
            });
        }
        try {
            defaultRole = settings.defaultRole() == null || settings.defaultRole().isBlank()
                    ? null : Role.parse(settings.defaultRole());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("chartroom.security.default-role", e.getMessage());
        }
    }

    public Access map(Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        SortedSet<String> teams = new TreeSet<>();
        for (String group : groups) {
            Grant grant = grantsByGroup.get(group);
            if (grant != null) {
                roles.addAll(grant.roles());
                teams.addAll(grant.teams());
            }
        }
        if (roles.isEmpty() && defaultRole != null) {
            roles.addAll(defaultRole.withImplied());
        }
        return new Access(roles, teams);
    }
}
