package io.chartroom.githost.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.githost.domain.GitHost;
import io.chartroom.githost.domain.GitHostKind;
import io.chartroom.githost.service.ConnectionReport;
import io.chartroom.githost.service.GitHostDraft;
import io.chartroom.githost.service.GitHosts;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.Optional;

/**
 * Where change requests become pull/merge requests: the host's kind, API URL, repository and token, a connection
 * test that says what is missing, and removing it (back to the built-in repository alone).
 */
@Route("admin/git-host")
@PageTitle("Git host")
@Menu(order = 245, icon = "vaadin:connect", title = "Git host")
@RolesAllowed("ADMIN")
public class GitHostView extends VerticalLayout {

    private static final String TOKEN = "An access token";
    private static final String GITHUB_APP = "A GitHub App";

    private final GitHosts hosts;
    private final Paragraph state = new Paragraph();
    private final Select<GitHostKind> kind = new Select<>();
    private final TextField apiUrl = new TextField("API URL");
    private final TextField repository = new TextField("Repository");
    private final com.vaadin.flow.component.radiobutton.RadioButtonGroup<String> signIn = new com.vaadin.flow.component.radiobutton.RadioButtonGroup<>(
            "Sign in with");
    private final PasswordField token = new PasswordField("Token");
    private final GitHubAppFields app = new GitHubAppFields();
    private final PasswordField webhookSecret = new PasswordField("Webhook secret");
    private final Paragraph webhookHelp = new Paragraph();
    private final com.vaadin.flow.component.checkbox.Checkbox countHostReviews = new com.vaadin.flow.component.checkbox.Checkbox(
            "Count approvals on the host: a login on the host is the Chartroom user of that name (only where both sign in through one directory)");
    private final Div report = new Div();
    private final Button remove = new Button("Remove Git host");

    public GitHostView(GitHosts hosts, @org.springframework.beans.factory.annotation.Value("${chartroom.public-url:http://localhost:8080}") String publicUrl) {
        this.hosts = hosts;
        webhookSecret.setId("git-host-webhook-secret");
        webhookSecret.setWidthFull();
        webhookSecret.setHelperText("At least 16 characters; the same on the host. Leave empty to keep the stored one.");
        webhookHelp.setText("On the host, add a webhook to " + publicUrl.replaceAll("/$", "") + "/api/v1/git-host/webhook (content type JSON) for "
                + "pushes, pull requests (merge requests on GitLab) and reviews, with this secret: GitHub and Gitea sign each delivery with it, "
                + "GitLab sends it as its token. Without webhooks Chartroom reads the host's main every minute.");
        webhookHelp.addClassName("view-intro");
        webhookHelp.setId("git-host-webhook-help");
        setMaxWidth("60rem");
        state.setId("git-host-state");
        state.addClassName("view-intro");
        kind.setLabel("Kind");
        kind.setId("git-host-kind");
        kind.setItems(GitHostKind.values());
        kind.setItemLabelGenerator(GitHostKind::label);
        kind.setWidth("22rem");
        kind.addValueChangeListener(e -> describe(e.getValue()));
        signIn.setId("git-host-sign-in");
        signIn.setItems(TOKEN, GITHUB_APP);
        signIn.setValue(TOKEN);
        signIn.addValueChangeListener(e -> describe(kind.getValue()));
        apiUrl.setId("git-host-api-url");
        repository.setId("git-host-repository");
        token.setId("git-host-token");
        for (TextField field : new TextField[] {apiUrl, repository}) {
            field.setWidthFull();
        }
        token.setWidthFull();
        Button save = new Button("Save", e -> save());
        save.setId("git-host-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button test = new Button("Test connection", e -> test());
        test.setId("git-host-test");
        remove.setId("git-host-remove");
        remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        remove.addClickListener(e -> remove());
        report.setId("git-host-report");
        countHostReviews.setId("git-host-count-reviews");
        add(state, kind, apiUrl, repository, signIn, token, app, webhookSecret, webhookHelp, countHostReviews, new HorizontalLayout(save, test, remove), report);
        show(hosts.current());
    }

    private void show(Optional<GitHost> host) {
        host.ifPresentOrElse(h -> {
            state.setText("Change requests open pull requests on " + h.kind().label() + " (" + h.repository() + "). Set by "
                    + h.updatedBy() + " on " + Timestamps.format(h.updatedAt()) + (h.app() == null ? ". The token is stored encrypted and never shown again."
                    : " as GitHub App " + h.app().appId() + ". Its private key is stored encrypted and never shown again."));
            kind.setValue(h.kind());
            apiUrl.setValue(h.apiUrl());
            repository.setValue(h.repository());
            countHostReviews.setValue(h.countHostReviews());
            signIn.setValue(h.app() == null ? TOKEN : GITHUB_APP);
            app.show(h.app());
            token.setPlaceholder(h.app() == null ? "stored: leave empty to keep it" : "");
            webhookSecret.setPlaceholder(h.webhookSecretSet() ? "stored: leave empty to keep it" : "none yet: webhooks are refused");
        }, () -> {
            state.setText("No Git host: change requests stay in Chartroom's built-in repository. Set one to open a pull request "
                    + "on GitHub, GitLab or Gitea for each change request.");
            token.setPlaceholder("");
            signIn.setValue(TOKEN);
            app.show(null);
        });
        remove.setVisible(host.isPresent());
        describe(kind.getValue());
    }

    private void describe(GitHostKind value) {
        GitHostKind shown = value == null ? GitHostKind.GITHUB : value;
        apiUrl.setPlaceholder(shown.exampleApiUrl());
        repository.setPlaceholder(shown.repositoryForm());
        token.setHelperText("Needs " + shown.tokenNeeds() + ".");
        boolean appChosen = shown == GitHostKind.GITHUB && GITHUB_APP.equals(signIn.getValue());
        signIn.setVisible(shown == GitHostKind.GITHUB);
        token.setVisible(!appChosen);
        app.setVisible(appChosen);
    }

    private GitHostDraft draft() {
        boolean appChosen = kind.getValue() == GitHostKind.GITHUB && GITHUB_APP.equals(signIn.getValue());
        return new GitHostDraft(kind.getValue(), apiUrl.getValue(), repository.getValue(), appChosen ? null : token.getValue(),
                webhookSecret.getValue(), countHostReviews.getValue(), appChosen ? app.draft() : null);
    }

    private void save() {
        if (checked(() -> hosts.save(draft()))) {
            token.clear();
            app.clearKey();
            webhookSecret.clear();
            Notifications.success("Git host saved");
            show(hosts.current());
        }
    }

    private void test() {
        report.removeAll();
        checked(() -> {
            ConnectionReport result = hosts.test(draft());
            UnorderedList list = new UnorderedList();
            list.addClassName("git-host-findings");
            for (ConnectionReport.Finding finding : result.findings()) {
                var icon = switch (finding.level()) {
                    case OK -> VaadinIcon.CHECK_CIRCLE.create();
                    case WARNING -> VaadinIcon.WARNING.create();
                    case MISSING -> VaadinIcon.CLOSE_CIRCLE.create();
                };
                icon.setSize("var(--lumo-icon-size-s)");
                icon.setColor(switch (finding.level()) {
                    case OK -> "var(--lumo-success-color)";
                    case WARNING -> "var(--lumo-warning-color, #c76b00)";
                    case MISSING -> "var(--lumo-error-color)";
                });
                ListItem item = new ListItem(icon, new com.vaadin.flow.component.html.Span(" " + finding.text()));
                item.addClassName("finding-" + finding.level().name().toLowerCase());
                list.add(item);
            }
            Paragraph verdict = new Paragraph(result.usable() ? "Chartroom can open pull requests there."
                    : "Chartroom cannot open pull requests there yet: see what is missing.");
            verdict.setId("git-host-verdict");
            report.add(verdict, list);
            return result;
        });
    }

    private void remove() {
        hosts.remove();
        Notifications.success("Git host removed: change requests stay in the built-in repository");
        kind.clear();
        apiUrl.clear();
        repository.clear();
        token.clear();
        report.removeAll();
        show(Optional.empty());
    }

    /** Runs an action; invalid input marks its fields and says so, and the action's result is dropped. */
    private boolean checked(java.util.function.Supplier<?> action) {
        Map<String, com.vaadin.flow.component.HasValidation> fields = new java.util.HashMap<>(Map.<String, com.vaadin.flow.component.HasValidation>of("kind", kind, "apiUrl", apiUrl,
                "repository", repository, "token", token, "webhookSecret", webhookSecret));
        fields.putAll(app.fieldsByProblemLocation());
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            action.get();
            return true;
        } catch (InvalidInputException invalid) {
            for (InvalidInputException.Problem problem : invalid.problems()) {
                var field = fields.get(problem.location());
                if (field != null) {
                    field.setErrorMessage(problem.message());
                    field.setInvalid(true);
                }
            }
            Notifications.error("Check the marked fields");
            return false;
        }
    }
}
