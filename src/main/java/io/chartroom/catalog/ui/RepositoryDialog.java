package io.chartroom.catalog.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Notifications;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.RepositoryAuth;
import io.chartroom.catalog.domain.RepositoryDraft;
import io.chartroom.catalog.domain.RepositoryType;
import io.chartroom.catalog.service.RepositoryService;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Registers a repository or changes one; every problem is shown on its field. */
class RepositoryDialog extends Dialog {

    private final TextField name = new TextField("Name");
    private final RadioButtonGroup<RepositoryType> type = new RadioButtonGroup<>("Type");
    private final TextField url = new TextField("URL");
    private final TextField ociCharts = new TextField("Charts in the registry");
    private final Checkbox plainHttp = new Checkbox("Plain HTTP (no TLS)");
    private final Select<RepositoryAuth> auth = new Select<>();
    private final TextField username = new TextField("User name");
    private final PasswordField secret = new PasswordField("Password");
    private final TextArea ca = new TextArea("CA certificate (PEM)");
    private final TextField aliases = new TextField("Aliases");
    private final Select<Integer> interval = new Select<>();

    RepositoryDialog(RepositoryService service, ChartRepository existing, Runnable saved) {
        setHeaderTitle(existing == null ? "Register a chart repository" : "Edit " + existing.name());
        setWidth("46rem");
        name.setId("repo-name");
        name.setHelperText("Lowercase letters, digits and dashes; charts may refer to it as @name");
        type.setItems(RepositoryType.values());
        type.setItemLabelGenerator(t -> t == RepositoryType.HTTP ? "Helm repository (index.yaml)" : "OCI registry");
        type.setValue(RepositoryType.HTTP);
        url.setId("repo-url");
        ociCharts.setId("repo-oci-charts");
        ociCharts.setHelperText("Comma-separated chart names, e.g. podinfo, redis");
        auth.setLabel("Authentication");
        auth.setItems(RepositoryAuth.values());
        auth.setItemLabelGenerator(a -> switch (a) {
            case NONE -> "None";
            case BASIC -> "User name and password";
            case BEARER -> "Bearer token";
        });
        auth.setValue(RepositoryAuth.NONE);
        secret.setId("repo-secret");
        ca.setHelperText("Only for repositories whose certificate a private authority signed");
        ca.setMaxHeight("8rem");
        aliases.setHelperText("Other names Chart.yaml dependencies may use (@alias), or the URL they give");
        interval.setLabel("Sync every");
        interval.setItems(5, 15, 60, 360, 1440);
        interval.setItemLabelGenerator(RepositoriesView::interval);
        interval.setValue(60);

        if (existing != null) {
            name.setValue(existing.name());
            type.setValue(existing.type());
            url.setValue(existing.url());
            ociCharts.setValue(String.join(", ", existing.ociCharts()));
            plainHttp.setValue(existing.plainHttp());
            auth.setValue(existing.authType());
            username.setValue(existing.username() == null ? "" : existing.username());
            ca.setValue(existing.caCertificate() == null ? "" : existing.caCertificate());
            aliases.setValue(String.join(", ", existing.aliases()));
            int minutes = (int) existing.syncInterval().toMinutes();
            if (!List.of(5, 15, 60, 360, 1440).contains(minutes)) {
                interval.setItems(5, 15, 60, 360, 1440, minutes);
            }
            interval.setValue(minutes);
        }
        type.addValueChangeListener(e -> adapt(existing));
        auth.addValueChangeListener(e -> adapt(existing));
        adapt(existing);

        FormLayout form = new FormLayout(name, type, url, ociCharts, plainHttp, auth, username, secret, interval, aliases, ca);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("30rem", 2));
        form.setColspan(url, 2);
        form.setColspan(type, 2);
        form.setColspan(ca, 2);
        form.setColspan(aliases, 2);
        add(form);

        Button save = new Button(existing == null ? "Register" : "Save", e -> {
            clearErrors();
            RepositoryDraft draft = new RepositoryDraft(name.getValue().strip(), type.getValue(), url.getValue().strip(),
                    list(ociCharts.getValue()), auth.getValue(), username.getValue().strip(),
                    secret.getValue().isEmpty() ? null : secret.getValue(), ca.getValue(),
                    plainHttp.getValue(), list(aliases.getValue()), Duration.ofMinutes(interval.getValue()));
            try {
                ChartRepository result = existing == null ? service.register(draft) : service.update(existing.id(), draft);
                close();
                saved.run();
                Notifications.success(result.name() + (existing == null ? " registered; the first sync runs" : " saved; syncing"));
            } catch (InvalidInputException ex) {
                show(ex);
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-repository");
        getFooter().add(new Button("Cancel", e -> close()), save);
    }

    private void adapt(ChartRepository existing) {
        boolean oci = type.getValue() == RepositoryType.OCI;
        url.setPlaceholder(oci ? "oci://ghcr.io/acme/charts" : "https://charts.example.com/stable");
        ociCharts.setVisible(oci);
        plainHttp.setVisible(oci);
        username.setVisible(auth.getValue() == RepositoryAuth.BASIC);
        secret.setVisible(auth.getValue() != RepositoryAuth.NONE);
        secret.setLabel(auth.getValue() == RepositoryAuth.BEARER ? "Token" : "Password");
        boolean stored = existing != null && existing.hasSecret() && existing.authType() == auth.getValue();
        secret.setHelperText(stored ? "A credential is stored. Leave empty to keep it." : "Stored encrypted; never shown again");
    }

    private void show(InvalidInputException ex) {
        Map<String, HasValidation> fields = Map.of("name", name, "url", url, "ociCharts", ociCharts, "username", username,
                "secret", secret, "caCertificate", ca, "aliases", aliases);
        for (InvalidInputException.Problem p : ex.problems()) {
            HasValidation field = fields.get(p.location());
            if (field != null) {
                field.setInvalid(true);
                field.setErrorMessage(p.message());
            } else {
                Notifications.error(p.toString());
            }
        }
    }

    private void clearErrors() {
        List.<HasValidation>of(name, url, ociCharts, username, secret, ca, aliases).forEach(f -> f.setInvalid(false));
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
