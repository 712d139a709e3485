package io.chartroom.adoption.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.TextField;
import io.chartroom.adoption.service.HelmfileLayoutChoices;
import io.chartroom.adoption.service.HelmfileValueEdits;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.BackgroundWork;
import io.chartroom.base.ui.Notifications;
import io.chartroom.releases.values.ValuesYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One value of a kept helmfile layout's release changed in place: the release, the environment, the value's path and
 * its new value (YAML: {@code 20} is a number, {@code "20"} text). Preview shows the one line of the file it changes;
 * opening the change request commits that line on a branch, reviewed per environment and cluster. Reads run off the UI
 * thread with progress shown.
 */
class ValueEditForm extends VerticalLayout {

    private final ComboBox<String> release = new ComboBox<>("Release");
    private final ComboBox<String> environment = new ComboBox<>("Environment");
    private final TextField path = new TextField("Path of the value");
    private final TextField value = new TextField("New value (YAML)");
    private final Checkbox remove = new Checkbox("Remove it from its values file");
    private final Pre diff = new Pre();
    private final Paragraph problem = new Paragraph();
    private final ProgressBar progress = new ProgressBar();
    private final HorizontalLayout buttons;

    ValueEditForm(HelmfileValueEdits edits, HelmfileLayoutChoices.Kept kept, BackgroundWork background) {
        setPadding(false);
        setId("value-edit");
        release.setId("value-edit-release");
        release.setItems(kept.releases());
        environment.setId("value-edit-environment");
        environment.setItems(kept.environments().stream().map(e -> e.name()).toList());
        path.setId("value-edit-path");
        path.setPlaceholder("autoscaling.maxReplicas");
        path.setHelperText("Keys separated by dots; a list item by its index: env[0].value; a key with dots in quotes");
        value.setId("value-edit-value");
        value.setHelperText("As in YAML: 20 is a number, \"20\" text, true a boolean; a secret only as a ref+ reference");
        remove.setId("value-edit-remove");
        remove.addValueChangeListener(e -> value.setEnabled(!e.getValue()));
        FormLayout fields = new FormLayout(release, environment, path, value, remove);
        fields.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
        Button preview = new Button("Preview the change");
        preview.setId("value-edit-preview");
        preview.addClickListener(e -> withEdit(edit -> run(background, () -> edits.preview(edit), this::show)));
        Button open = new Button("Open change request");
        open.setId("value-edit-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        open.addClickListener(e -> withEdit(edit -> {
            UI ui = getUI().orElseThrow();
            run(background, () -> edits.propose(new HelmfileValueEdits.Proposed(edit, null, null)), opened -> {
                Notifications.success("Change request #" + opened.changeRequestId() + " changes line " + opened.edit().line() + " of "
                        + opened.edit().file());
                ui.navigate("change-requests/" + opened.changeRequestId());
            });
        }));
        buttons = new HorizontalLayout(preview, open);
        progress.setIndeterminate(true);
        progress.setVisible(false);
        problem.addClassName("error-text");
        problem.setId("value-edit-problem");
        problem.getStyle().set("white-space", "pre-line");
        diff.setId("value-edit-diff");
        diff.setVisible(false);
        add(fields, buttons, progress, problem, diff);
    }

    /** The edit as the fields give it, read on the UI thread; a value YAML cannot read is said at once. */
    private void withEdit(Consumer<HelmfileValueEdits.Edit> work) {
        try {
            work.accept(edit());
        } catch (InvalidInputException invalid) {
            diff.setVisible(false);
            problem.setText(listed(invalid));
        }
    }

    private static String listed(InvalidInputException invalid) {
        return String.join("\n", invalid.problems().stream().map(p -> p.location() + ": " + p.message()).toList());
    }

    /** The release to change, as the release page links here with it. */
    void choose(String name) {
        if (release.getListDataView().contains(name)) {
            release.setValue(name);
        }
    }

    private HelmfileValueEdits.Edit edit() {
        if (!remove.getValue() && value.getValue().isBlank()) {
            throw InvalidInputException.of("value", "the new value, or tick Remove");
        }
        Object newValue = remove.getValue() ? null : parsed(value.getValue());
        return new HelmfileValueEdits.Edit(release.getValue() == null ? "" : release.getValue(),
                environment.getValue() == null ? "" : environment.getValue(), steps(path.getValue()), newValue);
    }

    private <T> void run(BackgroundWork background, Callable<T> work, Consumer<T> done) {
        buttons.setEnabled(false);
        progress.setVisible(true);
        problem.setText("Reading main as helmfile does…");
        background.run(getUI().orElseThrow(), work, result -> {
            buttons.setEnabled(true);
            progress.setVisible(false);
            problem.setText("");
            done.accept(result);
        }, failure -> {
            buttons.setEnabled(true);
            progress.setVisible(false);
            diff.setVisible(false);
            problem.setText(failure instanceof InvalidInputException invalid ? listed(invalid) : failure.getMessage());
        });
    }

    private void show(HelmfileValueEdits.Preview preview) {
        diff.setText(preview.file() + ", line " + preview.line() + ":\n" + preview.diff().lines().filter(l -> !l.startsWith("---")
                && !l.startsWith("+++") && !l.startsWith("@@")).reduce("", (a, b) -> a + b + "\n"));
        diff.setVisible(true);
    }

    private static final java.util.regex.Pattern STEP = java.util.regex.Pattern.compile("\"([^\"]*)\"|([^.\\[\\]\"]+)|\\[(\\d{1,9})]|(\\.)");

    /** "a.b[0].c" (a key with dots quoted: podAnnotations."prometheus.io/scrape") as the keys and indexes down to the value. */
    static List<Object> steps(String text) {
        List<Object> steps = new ArrayList<>();
        java.util.regex.Matcher m = STEP.matcher(text.strip());
        int at = 0;
        while (at < text.strip().length()) {
            if (!m.find(at) || m.start() != at) {
                throw InvalidInputException.of("path", "keys separated by dots, a list item by its index ([0]), a key with dots in quotes: "
                        + "cannot read it from position " + (at + 1));
            }
            if (m.group(1) != null || m.group(2) != null) {
                steps.add(m.group(1) != null ? m.group(1) : m.group(2));
            } else if (m.group(3) != null) {
                steps.add(Integer.parseInt(m.group(3)));
            }
            at = m.end();
        }
        return steps;
    }

    /** The value as YAML reads it on one line. */
    private static @Nullable Object parsed(String text) {
        if (text.contains("\n") || text.contains("\r")) {
            throw InvalidInputException.of("value", "one line of YAML");
        }
        Map<String, Object> holder = new HashMap<>(ValuesYaml.parse("value: " + text, "value"));
        return holder.get("value");
    }
}
