package io.chartroom.clusters.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.service.ClusterService;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import jakarta.annotation.security.PermitAll;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The clusters Chartroom deploys to; admins register them from a kubeconfig, a token, or EKS, and test them. */
@Route("clusters")
@PageTitle("Clusters")
@Menu(order = 30, icon = "vaadin:cluster", title = "Clusters")
@PermitAll
public class ClustersView extends VerticalLayout {

    private final ClusterService clusters;
    private final Grid<Cluster> grid = new Grid<>();

    public ClustersView(ClusterService clusters, CurrentUser currentUser) {
        this.clusters = clusters;
        setSizeFull();
        boolean admin = currentUser.find().map(u -> u.hasRole(Role.ADMIN)).orElse(false);
        Paragraph intro = new Paragraph("Environments select clusters by their labels. Credentials are encrypted and never shown again.");
        intro.addClassName("view-intro");
        HorizontalLayout top = new HorizontalLayout(intro);
        top.setWidthFull();
        if (admin) {
            Button register = new Button("Register cluster", VaadinIcon.PLUS.create(), e -> edit(null));
            register.setId("register-cluster");
            register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            top.add(register);
        }
        grid.setId("clusters");
        grid.addComponentColumn(c -> {
            Div name = new Div(new Span(c.name()));
            if (c.simulated()) {
                name.add(new Badge("simulated", Badge.Tone.WARNING));
            }
            if (c.tlsUnverified()) {
                name.add(new UnverifiedTlsBadge());
            }
            return name;
        }).setHeader("Cluster").setAutoWidth(true);
        grid.addColumn(c -> c.kind().name().toLowerCase()).setHeader("Connection").setAutoWidth(true);
        grid.addComponentColumn(c -> {
            Div labels = new Div();
            c.labels().forEach((k, v) -> labels.add(new Badge(k + "=" + v, Badge.Tone.NEUTRAL)));
            return labels;
        }).setHeader("Labels").setFlexGrow(2);
        grid.addColumn(c -> c.kubeVersionOr("unknown")).setHeader("Kubernetes").setAutoWidth(true);
        grid.addComponentColumn(c -> c.checkError() != null ? new Badge("unreachable", Badge.Tone.ERROR)
                : c.checkedAt() != null ? new Badge("ok " + Timestamps.format(c.checkedAt()), Badge.Tone.SUCCESS)
                : c.simulated() ? new Badge("simulated, in this process", Badge.Tone.NEUTRAL) : new Badge("not tested", Badge.Tone.NEUTRAL))
                .setHeader("Connection test").setAutoWidth(true);
        if (admin) {
            grid.addComponentColumn(c -> {
                Button test = new Button("Test", e -> {
                    ClusterService.Check check = clusters.test(c.name());
                    if (check.ok()) {
                        Notifications.success(c.name() + " answers: Kubernetes " + check.version());
                    } else {
                        Notifications.error(c.name() + ": " + check.error());
                    }
                    refresh();
                });
                test.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                Button edit = new Button("Edit", e -> edit(c));
                edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
                return new HorizontalLayout(test, edit);
            }).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setEmptyStateText("No cluster yet. Register one from a kubeconfig, an API URL and token, or EKS.");
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate("clusters/" + e.getItem().name())));
        refresh();
        add(top, grid);
        expand(grid);
    }

    private void refresh() {
        grid.setItems(clusters.list());
    }

    private void edit(Cluster existing) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(existing == null ? "Register a cluster" : "Edit " + existing.name());
        dialog.setWidth("44rem");
        TextField name = new TextField("Name");
        name.setId("cluster-name");
        TextField description = new TextField("Description");
        TextField labels = new TextField("Labels");
        labels.setId("cluster-labels");
        labels.setHelperText("key=value, comma separated (environments select clusters by these)");
        Select<Cluster.Kind> kind = new Select<>();
        kind.setLabel("Connect with");
        kind.setItems(Cluster.Kind.KUBECONFIG, Cluster.Kind.TOKEN, Cluster.Kind.EKS);
        kind.setItemLabelGenerator(k -> switch (k) {
            case KUBECONFIG -> "a kubeconfig";
            case TOKEN -> "an API URL and a bearer token";
            case EKS -> "Amazon EKS (AWS credentials of the portal)";
            case SIMULATED -> "simulated";
        });
        kind.setValue(existing == null ? Cluster.Kind.KUBECONFIG : existing.kind());
        kind.setReadOnly(existing != null);
        TextArea kubeconfig = new TextArea("Kubeconfig");
        kubeconfig.setId("cluster-kubeconfig");
        kubeconfig.setHelperText(existing == null ? "Tokens and embedded certificates only: no exec plugins, no file paths"
                : "Leave empty to keep the stored one");
        kubeconfig.setHeight("10rem");
        ComboBox<String> context = new ComboBox<>("Context");
        kubeconfig.addValueChangeListener(e -> {
            try {
                List<String> contexts = clusters.contexts(e.getValue());
                context.setItems(contexts);
                context.setValue(contexts.isEmpty() ? null : contexts.getFirst());
                kubeconfig.setInvalid(false);
            } catch (InvalidInputException problem) {
                kubeconfig.setInvalid(true);
                kubeconfig.setErrorMessage(problem.getMessage());
            }
        });
        TextField apiUrl = new TextField("API server URL");
        apiUrl.setPlaceholder("https://api.cluster.example.com:6443");
        PasswordField token = new PasswordField("Bearer token");
        token.setHelperText(existing == null ? "" : "Leave empty to keep the stored one");
        TextArea ca = new TextArea("CA certificate (PEM)");
        TextField region = new TextField("AWS region");
        TextField eksName = new TextField("EKS cluster name");
        TextField role = new TextField("IAM role to assume (optional)");
        role.setPlaceholder("arn:aws:iam::123456789012:role/chartroom-deployer");
        if (existing != null) {
            name.setValue(existing.name());
            name.setReadOnly(true);
            description.setValue(existing.description());
            labels.setValue(String.join(", ", existing.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            apiUrl.setValue(existing.apiUrl() == null ? "" : existing.apiUrl());
            region.setValue(existing.region() == null ? "" : existing.region());
            eksName.setValue(existing.eksClusterName() == null ? "" : existing.eksClusterName());
            if (existing.contextName() != null) {
                context.setItems(List.of(existing.contextName()));
                context.setValue(existing.contextName());
            }
        }
        FormLayout form = new FormLayout(name, kind, description, labels, kubeconfig, context, apiUrl, token, ca, region, eksName, role);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 2));
        form.setColspan(description, 2);
        form.setColspan(labels, 2);
        form.setColspan(kubeconfig, 2);
        form.setColspan(ca, 2);
        form.setColspan(role, 2);
        Runnable showFor = () -> {
            Cluster.Kind k = kind.getValue();
            kubeconfig.setVisible(k == Cluster.Kind.KUBECONFIG);
            context.setVisible(k == Cluster.Kind.KUBECONFIG);
            apiUrl.setVisible(k == Cluster.Kind.TOKEN);
            token.setVisible(k == Cluster.Kind.TOKEN);
            ca.setVisible(k == Cluster.Kind.TOKEN);
            region.setVisible(k == Cluster.Kind.EKS);
            eksName.setVisible(k == Cluster.Kind.EKS);
            role.setVisible(k == Cluster.Kind.EKS);
        };
        kind.addValueChangeListener(e -> showFor.run());
        showFor.run();
        dialog.add(form);
        Button save = new Button(existing == null ? "Register and test" : "Save and test", e -> {
            ClusterService.Draft draft = new ClusterService.Draft(name.getValue().strip(), description.getValue(), parse(labels.getValue()),
                    kind.getValue(), kubeconfig.getValue(), context.getValue(), apiUrl.getValue(), token.getValue(), ca.getValue(),
                    region.getValue(), eksName.getValue(), role.getValue());
            try {
                Cluster saved = existing == null ? clusters.register(draft) : clusters.update(existing.name(), draft);
                dialog.close();
                refresh();
                if (saved.checkError() == null) {
                    Notifications.success(saved.name() + " answers: Kubernetes " + saved.kubeVersionOr("?"));
                } else {
                    Notifications.error(saved.name() + " is registered but does not answer: " + saved.checkError());
                }
            } catch (InvalidInputException problem) {
                Notifications.error(problem.getMessage());
            }
        });
        save.setId("cluster-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        if (existing != null && !existing.simulated()) {
            Button remove = new Button("Remove", e -> {
                clusters.remove(existing.name());
                dialog.close();
                refresh();
                Notifications.success("Removed " + existing.name() + "; what runs on it stays there");
            });
            remove.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            dialog.getFooter().addComponentAsFirst(remove);
        }
        dialog.open();
    }

    /** "env=prod, region=eu" into labels; malformed pairs are left for the service to reject. */
    static Map<String, String> parse(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text == null ? new String[0] : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            labels.put(eq < 0 ? pair.strip() : pair.substring(0, eq).strip(), eq < 0 ? "" : pair.substring(eq + 1).strip());
        }
        return labels;
    }
}
