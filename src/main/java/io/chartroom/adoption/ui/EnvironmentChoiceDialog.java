package io.chartroom.adoption.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.adoption.service.HelmfileImports;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.BackgroundWork;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * An ADMIN's way forward for a helmfile repository (convert it, or keep its layout): the team that will own the
 * releases and each environment's cluster selector (helmfile's kubeContext shown as the hint it is). The choice runs
 * off the UI thread with progress shown; each problem is marked on its field or listed with its file and line.
 */
class EnvironmentChoiceDialog<T> extends Dialog {

    /** What the dialog decides: its texts, element ids' prefix, the work ({@code team}, selectors by environment) and what follows. */
    record Choice<T>(String id, String title, String intro, String working, String submitLabel, BiFunction<String, Map<String, String>, T> work,
                     BiConsumer<UI, T> done) {}

    private final TextField team = new TextField("Team that will own the releases");
    private final Map<String, TextField> selectors = new LinkedHashMap<>();
    private final Paragraph problem = new Paragraph();
    private final ProgressBar progress = new ProgressBar();

    EnvironmentChoiceDialog(Choice<T> choice, HelmfileImports.Report report, BackgroundWork background) {
        setHeaderTitle(choice.title());
        setWidth("44rem");
        setId(choice.id() + "-dialog");
        VerticalLayout body = new VerticalLayout();
        body.setPadding(false);
        body.add(new Paragraph(choice.intro()));
        team.setId(choice.id() + "-team");
        team.setWidthFull();
        team.setRequired(true);
        body.add(team);
        for (HelmfileImports.EnvironmentRow environment : report.environments()) {
            TextField selector = new TextField("Clusters of " + environment.name() + " (label selector)");
            selector.setId(choice.id() + "-selector-" + environment.name());
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
        problem.setId(choice.id() + "-problem");
        problem.getStyle().set("white-space", "pre-line");
        body.add(progress, problem);
        add(body);
        Button submit = new Button(choice.submitLabel());
        submit.setId(choice.id() + "-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickListener(e -> submit(choice, background, submit));
        getFooter().add(new Button("Cancel", e -> close()), submit);
    }

    private void submit(Choice<T> choice, BackgroundWork background, Button submit) {
        Map<String, String> given = new LinkedHashMap<>();
        selectors.forEach((environment, field) -> {
            field.setInvalid(false);
            given.put(environment, field.getValue());
        });
        team.setInvalid(false);
        problem.setText(choice.working());
        progress.setVisible(true);
        submit.setEnabled(false);
        UI ui = getUI().orElseThrow();
        String owner = team.getValue();
        background.run(ui, () -> choice.work().apply(owner, given), result -> {
            close();
            choice.done().accept(ui, result);
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
