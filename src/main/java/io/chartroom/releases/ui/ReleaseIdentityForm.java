package io.chartroom.releases.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who the release is: its name (fixed once it exists), namespace, owning team (one of the user's; an ADMIN may
 * name any) and the environments it runs in, each with how many clusters it selects.
 */
final class ReleaseIdentityForm extends FormLayout {

    private final TextField name = new TextField("Release name");
    private final TextField namespace = new TextField("Namespace");
    private final ComboBox<String> team = new ComboBox<>("Team");
    private final CheckboxGroup<String> environments = new CheckboxGroup<>("Environments");
    /** Fields the user changed or that came filled in: only their problems are marked (a fresh form shows none). */
    private final Set<String> touched = new java.util.HashSet<>();

    /** @param targets the portal's environments in their order, with the clusters each selects */
    ReleaseIdentityForm(ReleaseDraft draft, boolean existing, UserIdentity user, List<EnvironmentService.Targets> targets) {
        name.setId("release-name");
        name.setValueChangeMode(ValueChangeMode.EAGER);
        name.setHelperText("Lowercase letters, digits and dashes");
        name.setValue(draft.name());
        name.setReadOnly(existing);
        namespace.setId("release-namespace");
        namespace.setValueChangeMode(ValueChangeMode.LAZY);
        namespace.setValue(draft.namespace());
        List<String> teams = new ArrayList<>(user.teams());
        if (!draft.team().isBlank() && !teams.contains(draft.team())) {
            teams.add(draft.team());
        }
        team.setItems(teams);
        team.setAllowCustomValue(user.hasRole(Role.ADMIN));
        team.addCustomValueSetListener(e -> team.setValue(e.getDetail()));
        team.setValue(draft.team().isBlank() ? null : draft.team());
        team.setId("release-team");
        environments.setItems(targets.stream().map(t -> t.environment().name()).toList());
        environments.setItemLabelGenerator(env -> targets.stream().filter(t -> t.environment().name().equals(env)).findFirst()
                .map(t -> env + " (" + (t.clusters().isEmpty() ? "no cluster" : t.clusters().size() == 1 ? "1 cluster" : t.clusters().size() + " clusters") + ")")
                .orElse(env));
        environments.setValue(new LinkedHashSet<>(draft.environments()));
        environments.setId("release-environments");
        add(name, namespace, team, environments);
        touchedWhen("name", name, !draft.name().isBlank());
        touchedWhen("namespace", namespace, !draft.namespace().isBlank());
        touchedWhen("team", team, existing);
        touchedWhen("environments", environments, !draft.environments().isEmpty());
        setResponsiveSteps(new ResponsiveStep("0", 1), new ResponsiveStep("40rem", 3));
        setColspan(environments, 3);
    }

    /** @param identityChanged told when name, namespace or team change; @param environmentsChanged when the environments do */
    void onChange(Runnable identityChanged, Runnable environmentsChanged) {
        name.addValueChangeListener(e -> identityChanged.run());
        namespace.addValueChangeListener(e -> identityChanged.run());
        team.addValueChangeListener(e -> identityChanged.run());
        environments.addValueChangeListener(e -> environmentsChanged.run());
    }

    String name() {
        return name.getValue().strip();
    }

    String namespace() {
        return namespace.getValue().strip();
    }

    String team() {
        return team.getValue() == null ? "" : team.getValue();
    }

    /** The chosen environments, in no particular order. */
    Set<String> chosenEnvironments() {
        return environments.getValue();
    }

    /** Marks the fields the check found wrong (by location: name, namespace, team, environments); clears the others. */
    void showErrors(Map<String, String> byField) {
        mark(name, shown(byField, "name"));
        mark(namespace, shown(byField, "namespace"));
        mark(team, shown(byField, "team"));
        mark(environments, shown(byField, "environments"));
    }

    private String shown(Map<String, String> byField, String field) {
        return touched.contains(field) ? byField.get(field) : null;
    }

    private void touchedWhen(String field, com.vaadin.flow.component.HasValue<?, ?> input, boolean filledIn) {
        if (filledIn) {
            touched.add(field);
        }
        input.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                touched.add(field);
            }
        });
    }

    private static void mark(HasValidation field, String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }
}
