package io.chartroom.settings.ui;

import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.base.error.InvalidInputException;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Notifications;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

/** The settings admins may change while the portal runs; each change is audited with its old and new value. */
@Route("admin/settings")
@PageTitle("Settings")
@Menu(order = 240, icon = "vaadin:cog", title = "Settings")
@RolesAllowed("ADMIN")
public class SettingsView extends VerticalLayout {

    public SettingsView(RuntimeSettings settings) {
        setMaxWidth("60rem");
        Paragraph intro = new Paragraph("These take effect at once on every Chartroom instance. Everything else is configured "
                + "at startup (see the README); changes here are recorded in the audit log.");
        intro.addClassName("view-intro");
        add(intro);
        for (Map.Entry<Setting, String> entry : settings.all().entrySet()) {
            Setting setting = entry.getKey();
            com.vaadin.flow.component.Component box = setting.flag() ? checkbox(settings, setting, entry.getValue())
                    : textField(settings, setting, entry.getValue());
            box.setId("setting-" + setting.key().replace('.', '-'));
            Span help = new Span(setting.description() + " (" + setting.key() + ", default " + (setting.defaultValue().isEmpty() ? "none" : setting.defaultValue()) + ")");
            help.addClassName("setting-help");
            Div row = new Div(box, help);
            row.addClassName("setting-row");
            add(row);
        }
    }

    private static Checkbox checkbox(RuntimeSettings settings, Setting setting, String value) {
        Checkbox box = new Checkbox(label(setting), Boolean.parseBoolean(value));
        box.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                settings.set(setting, String.valueOf(e.getValue()));
                Notifications.success(label(setting) + (e.getValue() ? ": on" : ": off"));
            }
        });
        return box;
    }

    /** Text saved when it changes (blur or Enter); a value it may not take is marked on the field. */
    private static TextField textField(RuntimeSettings settings, Setting setting, String value) {
        TextField field = new TextField(label(setting), value, "");
        field.setWidth("30rem");
        field.addValueChangeListener(e -> {
            if (!e.isFromClient()) {
                return;
            }
            try {
                settings.set(setting, e.getValue());
                field.setInvalid(false);
                Notifications.success(label(setting) + ": saved");
            } catch (InvalidInputException invalid) {
                field.setErrorMessage(invalid.problems().getFirst().message());
                field.setInvalid(true);
            }
        });
        return field;
    }

    private static String label(Setting setting) {
        return switch (setting) {
            case ALLOW_PRIVATE_NETWORKS -> "Allow chart repositories on private networks";
            case RECONCILE_PAUSED -> "Pause the reconciler (change freeze)";
            case HELMFILE_ENV_ALLOWLIST -> "Environment variables helmfile templates may read";
        };
    }
}
