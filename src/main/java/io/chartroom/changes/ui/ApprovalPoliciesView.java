package io.chartroom.changes.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Notifications;
import io.chartroom.changes.domain.ApprovalPolicy;
import io.chartroom.changes.service.ApprovalPolicyService;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.security.domain.Role;
import jakarta.annotation.security.RolesAllowed;

/** Each environment's approval policy: how many approvals, from whom; admins propose changes to them as change requests. */
@Route("admin/approval-policies")
@PageTitle("Approval policies")
@Menu(order = 225, icon = "vaadin:check-square-o", title = "Approval policies")
@RolesAllowed("ADMIN")
public class ApprovalPoliciesView extends VerticalLayout {

    private static final String ANY_TEAM = "Any team";
    private static final String OWNER = "The release's owning team";

    private final ApprovalPolicyService policies;
    private final Grid<ApprovalPolicy> grid = new Grid<>();

    public ApprovalPoliciesView(ApprovalPolicyService policies) {
        this.policies = policies;
        setSizeFull();
        Paragraph intro = new Paragraph("A change request merges when, for every environment it changes, the policy is met. "
                + "Authors never approve their own change; a new commit dismisses approvals. Environments without a policy "
                + "of their own need one approval from an APPROVER. Policies live in environments.yaml: a change here is proposed "
                + "as a change request that another ADMIN approves.");
        intro.addClassName("view-intro");
        grid.setId("approval-policies");
        grid.addColumn(ApprovalPolicy::environment).setHeader("Environment").setAutoWidth(true);
        grid.addColumn(ApprovalPolicy::describe).setHeader("Policy").setFlexGrow(3);
        grid.addColumn(p -> switch (p.source()) {
            case FILE -> "environments.yaml";
            case DATABASE -> "kept from before environments.yaml held it";
            case DEFAULT, BUILT_IN -> "default";
        }).setHeader("Set in").setAutoWidth(true);
        grid.addComponentColumn(p -> {
            Button edit = new Button("Edit", e -> edit(p));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            edit.setId("edit-policy-" + p.environment());
            return edit;
        }).setAutoWidth(true).setFlexGrow(0);
        grid.setEmptyStateText("No environment yet: define environments first.");
        grid.setItems(policies.all());
        add(intro, grid);
        expand(grid);
    }

    private void edit(ApprovalPolicy policy) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Approval policy of " + policy.environment());
        IntegerField required = new IntegerField("Approvals required");
        required.setMin(0);
        required.setMax(10);
        required.setStepButtonsVisible(true);
        required.setValue(policy.requiredApprovals());
        required.setId("policy-required");
        Select<Role> role = new Select<>();
        role.setLabel("Approvers need the role");
        role.setItems(Role.APPROVER, Role.ADMIN);
        role.setValue(policy.approverRole());
        ComboBox<String> team = new ComboBox<>("Approvers belong to");
        team.setItems(ANY_TEAM, OWNER);
        team.setAllowCustomValue(true);
        team.addCustomValueSetListener(e -> team.setValue(e.getDetail()));
        team.setHelperText("Or type a team name");
        team.setValue(policy.approverTeam() == null ? ANY_TEAM : ApprovalPolicy.OWNER_TEAM.equals(policy.approverTeam()) ? OWNER : policy.approverTeam());
        Checkbox admin = new Checkbox("One approval must come from an ADMIN", policy.requireAdmin());
        Checkbox onHost = new Checkbox("With a Git host, its branch protection decides instead (merges go through the host)", policy.onHost());
        onHost.setId("policy-on-host");
        FormLayout form = new FormLayout(required, role, team, admin, onHost);
        form.setColspan(admin, 2);
        form.setColspan(onHost, 2);
        dialog.add(form);
        Button save = new Button("Propose change", e -> {
            String t = team.getValue() == null || team.getValue().equals(ANY_TEAM) ? null
                    : team.getValue().equals(OWNER) ? ApprovalPolicy.OWNER_TEAM : team.getValue();
            long id;
            try {
                id = policies.propose(policy.environment(), new ApprovalPolicyService.Draft(required.getValue() == null ? 0 : required.getValue(),
                        role.getValue(), t, admin.getValue(), onHost.getValue()), Proposal.generated());
            } catch (InvalidInputException problem) {
                Notifications.error(problem.getMessage());
                return;
            }
            dialog.close();
            Notifications.success("Proposed as change request #" + id + ": it applies once another ADMIN approves and it merges");
            getUI().ifPresent(ui -> ui.navigate("change-requests/" + id));
        });
        save.setId("policy-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), save);
        dialog.open();
    }
}
