package io.chartroom.environments.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.environments.domain.Environment;
import io.chartroom.environments.service.EnvironmentService;
import io.chartroom.gitops.domain.Proposal;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;

/** For admins: environments in order, the clusters each selects now, and defining or changing them. */
@Route("admin/environments")
@PageTitle("Environments")
@Menu(order = 220, icon = "vaadin:sitemap", title = "Environments")
@RolesAllowed("ADMIN")
public class EnvironmentsView extends VerticalLayout {

    private final EnvironmentService environments;
    private final Grid<EnvironmentService.Targets> grid = new Grid<>();

    public EnvironmentsView(EnvironmentService environments) {
        this.environments = environments;
        setSizeFull();
        Paragraph intro = new Paragraph("Releases run in these environments, in this order. Each selects its clusters by "
                + "their labels. They are what environments.yaml on main says: a change here is proposed as a change request, "
                + "which another ADMIN approves, and applies when it merges.");
        intro.addClassName("view-intro");
        Button add = new Button("New environment", VaadinIcon.PLUS.create(), e -> edit(null));
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add.setId("new-environment");
        HorizontalLayout toolbar = new HorizontalLayout(intro, add);
        toolbar.setWidthFull();
        grid.setId("environments");
        grid.addColumn(t -> t.environment().position()).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(t -> t.environment().name()).setHeader("Environment").setAutoWidth(true);
        grid.addColumn(t -> t.environment().description()).setHeader("Description").setFlexGrow(2);
        grid.addColumn(t -> t.environment().clusterSelector()).setHeader("Cluster selector").setAutoWidth(true);
        grid.addColumn(t -> t.environment().selfHeal() ? "self-heal" : "report only").setHeader("Drift").setAutoWidth(true);
        grid.addComponentColumn(t -> {
            Div clusters = new Div();
            if (t.clusters().isEmpty()) {
                clusters.add(new Badge("no cluster", Badge.Tone.WARNING));
            }
            t.clusters().forEach(c -> clusters.add(new Badge(c.name() + (c.simulated() ? " (simulated)" : "") + " " + c.kubeVersionOr("version unknown"),
                    Badge.Tone.SUCCESS)));
            return clusters;
        }).setHeader("Clusters now").setFlexGrow(2);
        grid.addComponentColumn(t -> {
            Button edit = new Button("Edit", e -> edit(t.environment()));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            Button remove = new Button("Remove", e -> remove(t.environment()));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            return new HorizontalLayout(edit, remove);
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No environment yet: create dev, staging, production…");
        add(toolbar, grid);
        refresh();
    }

    private void refresh() {
        grid.setItems(environments.targets());
    }

    private void edit(Environment existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "New environment" : "Edit " + existing.name());
        dialog.setWidth("36rem");
        TextField name = new TextField("Name");
        name.setId("environment-name");
        IntegerField position = new IntegerField("Position");
        position.setHelperText("Environments are shown and promoted in this order");
        TextField description = new TextField("Description");
        TextField selector = new TextField("Cluster selector");
        selector.setId("environment-selector");
        selector.setHelperText("Label selector over cluster labels, e.g. env=staging or env in (prod, production)");
        TextField kubeVersion = new TextField("Kubernetes version without clusters");
        kubeVersion.setHelperText("Rendered with while the selector matches no cluster");
        kubeVersion.setValue("v1.31.2");
        Checkbox selfHeal = new Checkbox("Repair drift automatically (self-heal)", true);
        selfHeal.setId("environment-self-heal");
        Checkbox pruneCrds = new Checkbox("Delete a release's CRDs when the release is removed (Helm never does)", false);
        pruneCrds.setId("environment-prune-crds");
        pruneCrds.setTooltipText("Deleting a CRD deletes every custom resource of its kind on the cluster, whoever made them");
        if (existing != null) {
            name.setValue(existing.name());
            name.setReadOnly(true);
            position.setValue(existing.position());
            description.setValue(existing.description());
            selector.setValue(existing.clusterSelector());
            kubeVersion.setValue(existing.kubeVersion());
            selfHeal.setValue(existing.selfHeal());
            pruneCrds.setValue(existing.pruneCrds());
        }
        FormLayout form = new FormLayout(name, position, description, selector, kubeVersion, selfHeal, pruneCrds);
        form.setColspan(description, 2);
        form.setColspan(selector, 2);
        dialog.add(form);
        Button save = new Button("Propose change", e -> {
            EnvironmentService.Draft draft = new EnvironmentService.Draft(name.getValue().strip(), position.getValue(),
                    description.getValue(), selector.getValue(), kubeVersion.getValue(), selfHeal.getValue(), pruneCrds.getValue());
            try {
                long id = existing == null ? environments.proposeCreate(draft, Proposal.generated())
                        : environments.proposeUpdate(existing.name(), draft, Proposal.generated());
                dialog.close();
                proposed(id);
            } catch (InvalidInputException ex) {
                Map<String, com.vaadin.flow.component.HasValidation> fields = Map.of("name", name, "clusterSelector", selector,
                        "kubeVersion", kubeVersion, "position", position);
                ex.problems().forEach(p -> {
                    var field = fields.get(p.location());
                    if (field != null) {
                        field.setInvalid(true);
                        field.setErrorMessage(p.message());
                    }
                });
            }
        });
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-environment");
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }

    private void remove(Environment environment) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Remove " + environment.name() + "?");
        confirm.setText(new Span("Releases that run in " + environment.name() + " keep their files, but nothing is deployed there any more."));
        confirm.setCancelable(true);
        confirm.setConfirmText("Propose removal");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> proposed(environments.proposeRemoval(environment.name(), Proposal.generated())));
        confirm.open();
    }

    /** The change request that carries the change: shown to the admin, who now waits for another's approval. */
    private void proposed(long changeRequest) {
        Notifications.success("Proposed as change request #" + changeRequest + ": it applies once another ADMIN approves and it merges");
        getUI().ifPresent(ui -> ui.navigate("change-requests/" + changeRequest));
    }
}
