package io.chartroom.settings.service;

import io.chartroom.base.event.Audited;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.chartroom.settings.domain.RuntimeSettingRepository;
import io.chartroom.settings.domain.Setting;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Settings admins change at run time; reading is open to the portal's own services, changing is ADMIN only. */
@Service
public class RuntimeSettings {

    private final RuntimeSettingRepository repository;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public RuntimeSettings(RuntimeSettingRepository repository, CurrentUser currentUser,
                           ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    public boolean flag(Setting setting) {
        return Boolean.parseBoolean(value(setting));
    }

    public String value(Setting setting) {
        return repository.find(setting.key()).orElse(setting.defaultValue());
    }

    public Map<Setting, String> all() {
        currentUser.require(Role.VIEWER);
        Map<String, String> stored = repository.findAll();
        Map<Setting, String> values = new EnumMap<>(Setting.class);
        for (Setting s : Setting.values()) {
            values.put(s, stored.getOrDefault(s.key(), s.defaultValue()));
        }
        return values;
    }

    @Transactional
    @Audited(value = "setting.changed", targetType = "setting")
    public void set(Setting setting, String value) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        try {
            value = setting.normalized(value);
        } catch (IllegalArgumentException invalid) {
            throw io.chartroom.base.error.InvalidInputException.of(setting.key(), invalid.getMessage());
        }
        String old = value(setting);
        repository.save(setting.key(), value, admin.username(), clock.instant());
        events.publishEvent(AuditEntry.of("setting.changed", admin.username())
                .target("setting", setting.key()).detail("from", old).detail("to", value).build());
    }
}
