package io.chartroom.adoption.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.adoption.service.HelmfileConversions;
import io.chartroom.adoption.service.HelmfileImports;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.BackgroundWork;
import io.chartroom.base.ui.Notifications;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Converts main to Chartroom's layout (ADMIN): the team that will own the releases and each environment's cluster
 * selector (helmfile's kubeContext shown as the hint it is). Opens the change request, whose check renders every
 * release both ways; reading and rendering run off the UI thread with progress shown.
 */
class ConversionDialog extends Dialog {

    private final TextField team = new TextField("Team that will own the releases");
    private final Map<String, TextField> selectors = new LinkedHashMap<>();
    private final Paragraph problem = new Paragraph();
    private final ProgressBar progress = new ProgressBar();

    ConversionDialog(HelmfileConversions conversions, HelmfileImports.Report report, BackgroundWork background) {
        setHeaderTitle("Convert to Chartroom's layout");
        setWidth("44rem");
        setId("conversion-dialog");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.add(new Paragraph("One change request rewrites main in Chartroom's layout: " + report.proposed().size() + " release(s) in "
                + report.environments().size() + " environment(s). Its check renders every release in every environment both ways and "
                + "blocks the merge on any difference. Files Chartroom does not read (a README) stay."));
        team.setId("conversion-team");
        team.setWidthFull();
        team.setRequired(true);
        body.add(team);
        for (HelmfileImports.EnvironmentRow environment : report.environments()) {
            TextField selector = new TextField("Clusters of " + environment.name() + " (label selector)");
            selector.setId("conversion-selector-" + environment.name());
            selector.setPlaceholder("env=" + environment.name());
            selector.setWidthFull();
            if (environment.kubeContext() != null) {
                selector.setHelperText("helmfile deploys it with the kubeContext " + environment.kubeContext());
            }
            selectors.put(environment.name(), selector);
            body.add(selector);
        }
        progress.setIndeterminate(true);
        progress.setVisible(false);
        problem.addClassName("error-text");
        problem.setId("conversion-problem");
        problem.getStyle().set("white-space", "pre-line");
        body.add(progress, problem);
        add(body);
        Button submit = new Button("Open change request");
        submit.setId("conversion-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submit(conversions, background, submit));
        getFooter().add(new Button("Cancel", e -> close()), submit);
    }

    private void submit(HelmfileConversions conversions, BackgroundWork background, Button submit) {
        Map<String, String> given = new LinkedHashMap<>();
        selectors.forEach((environment, field) -> {
            field.setInvalid(false);
            given.put(environment, field.getValue());
        });
        team.setInvalid(false);
        problem.setText("Reading main and rendering every release both ways…");
        progress.setVisible(true);
        submit.setEnabled(false);
        UI ui = getUI().orElseThrow();
        HelmfileConversions.ConversionRequest request = new HelmfileConversions.ConversionRequest(team.getValue(), null, given, null, null);
        background.run(ui, () -> conversions.convert(request), converted -> {
            Notifications.success("Change request #" + converted.changeRequestId() + " converts main: " + converted.releases().size() + " release(s)");
            close();
            ui.navigate("change-requests/" + converted.changeRequestId());
        }, failure -> {
            progress.setVisible(false);
            submit.setEnabled(true);
            problem.setText(failure instanceof InvalidInputException invalid ? marked(invalid) : failure.getMessage());
        });
    }

    /** Marks the fields a problem names; the rest (files and lines of the repository) listed below them. */
    private String marked(InvalidInputException invalid) {
        StringBuilder rest = new StringBuilder();
        for (InvalidInputException.Problem p : invalid.problems()) {
            TextField field = p.location().equals("team") ? team
                    : p.location().startsWith("clusterSelectors.") ? selectors.get(p.location().substring("clusterSelectors.".length())) : null;
            if (field != null) {
                field.setErrorMessage(p.message());
                field.setInvalid(true);
            } else {
                rest.append(p.location()).append(": ").append(p.message()).append('\n');
            }
        }
        return rest.toString().strip();
    }
}
