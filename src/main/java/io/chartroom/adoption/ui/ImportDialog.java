package io.chartroom.adoption.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.adoption.service.HelmReleaseImports;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Notifications;
import io.chartroom.clusters.domain.HelmRelease;
import io.chartroom.security.domain.UserIdentity;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Imports one Helm release: the team that will own it, the environment (among those that select the cluster), its
 * name in Chartroom, and a reference for each secret among Helm's values. Opens the change request it makes.
 */
class ImportDialog extends Dialog {

    private final Select<String> team = new Select<>();
    private final Select<String> environment = new Select<>();
    private final TextField name = new TextField("Release name in Chartroom");
    private final Map<String, TextField> references = new LinkedHashMap<>();
    private final Paragraph problem = new Paragraph();

    ImportDialog(HelmReleaseImports imports, String cluster, HelmRelease.Summary helm, UserIdentity user, Runnable imported) {
        setHeaderTitle("Import " + helm.namespace() + "/" + helm.name());
        setWidth("40rem");
        setId("import-dialog");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        problem.addClassName("error-text");
        problem.setId("import-problem");
        add(body);
        HelmReleaseImports.Plan plan;
        try {
            plan = imports.plan(cluster, helm.namespace(), helm.name());
        } catch (InvalidInputException cannot) {
            body.add(new Paragraph("This release cannot be imported yet: " + cannot.getMessage()));
            getFooter().add(new Button("Close", e -> close()));
            return;
        }
        body.add(new Paragraph("Chart " + plan.chart() + ", with the values Helm was given. A change request proposes it; nothing is applied "
                + "before it is approved and merged."));
        team.setLabel("Team");
        team.setId("import-team");
        team.setItems(user.teams());
        if (user.teams().size() == 1) {
            team.setValue(user.teams().first());
        }
        environment.setLabel("Environment");
        environment.setId("import-environment");
        environment.setItems(plan.environments());
        environment.setHelperText("Environments whose cluster selector selects " + cluster);
        if (plan.environments().size() == 1) {
            environment.setValue(plan.environments().getFirst());
        }
        name.setId("import-name");
        name.setValue(helm.name());
        name.setWidthFull();
        body.add(team, environment, name);
        if (!plan.secretPaths().isEmpty()) {
            body.add(new Paragraph("Helm's values hold secrets. Git must not: give where each is kept (a reference such as "
                    + "ref+awsssm://path/to/parameter), and Chartroom fetches it when it applies."));
            for (String path : plan.secretPaths()) {
                TextField reference = new TextField(path);
                reference.setPlaceholder("ref+awsssm://path/to/parameter");
                reference.setWidthFull();
                reference.setId("import-reference-" + path.replaceAll("[^A-Za-z0-9]", "-"));
                references.put(path, reference);
                body.add(reference);
            }
        }
        body.add(problem);
        Button submit = new Button("Open change request", e -> submit(imports, cluster, helm, imported));
        submit.setId("import-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", e -> close()), submit);
    }

    private void submit(HelmReleaseImports imports, String cluster, HelmRelease.Summary helm, Runnable imported) {
        Map<String, String> given = new LinkedHashMap<>();
        references.forEach((path, field) -> {
            field.setInvalid(false);
            if (!field.getValue().isBlank()) {
                given.put(path, field.getValue().strip());
            }
        });
        problem.setText("");
        try {
            HelmReleaseImports.Imported result = imports.importRelease(cluster, helm.namespace(), helm.name(),
                    new HelmReleaseImports.ImportRequest(team.getValue(), environment.getValue(), name.getValue(), null, given));
            Notifications.success("Change request #" + result.changeRequestId() + " proposes " + result.release()
                    + (result.comparison().noChange() ? ": no change to what Helm applied" : ": see what differs from what Helm applied"));
            close();
            imported.run();
            getUI().ifPresent(ui -> ui.navigate("change-requests/" + result.changeRequestId()));
        } catch (InvalidInputException invalid) {
            StringBuilder rest = new StringBuilder();
            for (InvalidInputException.Problem p : invalid.problems()) {
                HasValidation field = p.location().startsWith("references.") ? references.get(p.location().substring("references.".length())) : null;
                if (field != null) {
                    field.setErrorMessage(p.message());
                    field.setInvalid(true);
                } else {
                    rest.append(p.location()).append(": ").append(p.message()).append('\n');
                }
            }
            problem.setText(rest.toString().strip());
        }
    }
}
