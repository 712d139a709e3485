package io.chartroom.githost.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.githost.domain.GitHubApp;
import io.chartroom.githost.service.GitHostDraft;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A GitHub App as the Git host's credential: its id, its installation and its private key (never shown once stored). */
class GitHubAppFields extends VerticalLayout {

    private final TextField appId = new TextField("App ID");
    private final TextField installationId = new TextField("Installation ID");
    private final TextArea privateKey = new TextArea("Private key");

    GitHubAppFields() {
        setPadding(false);
        setSpacing(false);
        setId("git-host-app");
        appId.setId("git-host-app-id");
        appId.setHelperText("On the app's settings page: the App ID, or its client ID (Iv…)");
        installationId.setId("git-host-installation-id");
        installationId.setHelperText("The number at the end of the installation's settings URL");
        installationId.setAllowedCharPattern("[0-9]");
        privateKey.setId("git-host-app-key");
        privateKey.setWidthFull();
        privateKey.setMaxHeight("12rem");
        privateKey.setHelperText("The whole .pem file generated on the app's settings page. The app needs Contents, Pull requests and "
                + "Commit statuses: read and write (Metadata: read comes with them), installed on the repository.");
        HorizontalLayout ids = new HorizontalLayout(appId, installationId);
        ids.setWidthFull();
        ids.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.START);
        appId.setWidth("50%");
        installationId.setWidth("50%");
        add(ids, privateKey);
        setWidthFull();
    }

    void show(@Nullable GitHubApp app) {
        appId.setValue(app == null ? "" : app.appId());
        installationId.setValue(app == null ? "" : Long.toString(app.installationId()));
        privateKey.clear();
        privateKey.setPlaceholder(app == null ? "-----BEGIN RSA PRIVATE KEY-----" : "stored: leave empty to keep it");
    }

    void clearKey() {
        privateKey.clear();
    }

    GitHostDraft.AppDraft draft() {
        String installation = installationId.getValue().strip();
        Long id = installation.isEmpty() || installation.length() > 18 ? null : Long.valueOf(installation);
        return new GitHostDraft.AppDraft(appId.getValue(), id, privateKey.getValue());
    }

    /** The fields by the names the service's problems give them. */
    Map<String, HasValidation> fieldsByProblemLocation() {
        return Map.of("app.appId", appId, "app.installationId", installationId, "app.privateKey", privateKey);
    }
}
