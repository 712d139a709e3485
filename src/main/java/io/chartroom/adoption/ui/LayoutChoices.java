package io.chartroom.adoption.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import io.chartroom.adoption.service.HelmfileConversions;
import io.chartroom.adoption.service.HelmfileImports;
import io.chartroom.adoption.service.HelmfileLayoutChoices;
import io.chartroom.base.ui.Notifications;

/** The two ways forward an ADMIN chooses between for a helmfile repository, and the kept one as it stands. */
final class LayoutChoices {

    private LayoutChoices() {
    }

    static EnvironmentChoiceDialog.Choice<HelmfileConversions.Converted> conversion(HelmfileConversions conversions, HelmfileImports.Report report) {
        return new EnvironmentChoiceDialog.Choice<>("conversion", "Convert to Chartroom's layout", "One change request rewrites main in "
                + "Chartroom's layout: " + report.proposed().size() + " release(s) in " + report.environments().size() + " environment(s). Its "
                + "check renders every release in every environment both ways and blocks the merge on any difference. Files Chartroom does not "
                + "read (a README) stay.", "Reading main and rendering every release both ways…", "Open change request",
                (team, selectors) -> conversions.convert(new HelmfileConversions.ConversionRequest(team, null, selectors, null, null)),
                (ui, converted) -> {
                    Notifications.success("Change request #" + converted.changeRequestId() + " converts main: " + converted.releases().size()
                            + " release(s)");
                    ui.navigate("change-requests/" + converted.changeRequestId());
                });
    }

    static EnvironmentChoiceDialog.Choice<HelmfileLayoutChoices.Kept> keeping(HelmfileLayoutChoices layouts, HelmfileImports.Report report) {
        return new EnvironmentChoiceDialog.Choice<>("keep", "Keep the helmfile layout", "Main stays as the team wrote it: Chartroom lists and "
                + "applies its " + report.proposed().size() + " release(s) as helmfile reads them, and changes a value only in place, one line "
                + "of one file, through a change request. Nothing in Chartroom's layout is written to it; converting stays possible later.",
                "Reading every release as it will be kept…", "Keep the layout",
                (team, selectors) -> layouts.keep(new HelmfileLayoutChoices.KeepRequest(team, null, selectors, null)),
                (ui, kept) -> {
                    Notifications.success("Main keeps its helmfile layout: " + kept.releases().size() + " release(s), owned by " + kept.team());
                    ui.getPage().reload();
                });
    }

    /** The kept layout: who owns its releases, where each environment deploys; an ADMIN may stop keeping it. */
    static Component keptSummary(HelmfileLayoutChoices.Kept kept, boolean admin, HelmfileLayoutChoices layouts) {
        Div section = new Div();
        section.setId("helmfile-kept");
        section.add(new H3("Kept in its helmfile layout"));
        section.add(new Paragraph("Chosen by " + kept.chosenBy() + ". Team " + kept.team() + " owns its " + kept.releases().size()
                + " release(s) (" + String.join(", ", kept.releases()) + ")" + String.join("", kept.teams().entrySet().stream()
                .map(t -> "; team " + t.getValue() + " owns " + t.getKey()).toList()) + ". "
                + String.join("; ", kept.environments().stream().map(e -> e.name() + " deploys to the clusters " + e.clusterSelector()
                + " selects (Kubernetes " + e.kubeVersion() + ")").toList())
                + ". Chartroom applies the releases as helmfile reads main, and changes a value in place, through a change request."));
        if (kept.problem() != null) {
            Paragraph problem = new Paragraph(kept.problem());
            problem.addClassName("error-text");
            problem.setId("helmfile-kept-problem");
            section.add(problem);
        }
        if (admin) {
            Button stop = new Button("Stop keeping it", e -> {
                ConfirmDialog confirm = new ConfirmDialog("Stop keeping the helmfile layout?", "Main is then read as it is again: read-only "
                        + "until it is converted or kept again. Its releases stay on their clusters (nothing is removed while main cannot be "
                        + "read); open edits can no longer merge.", "Stop keeping it", done -> {
                    try {
                        layouts.stopKeeping();
                        Notifications.success("Main is read as it is again: read-only until converted or kept again");
                    } catch (RuntimeException failed) {
                        Notifications.error("Could not stop keeping it: " + failed.getMessage());
                    }
                    done.getSource().getUI().ifPresent(ui -> ui.getPage().reload());
                });
                confirm.setCancelable(true);
                confirm.setConfirmButtonTheme("error primary");
                confirm.setId("helmfile-stop-confirm");
                confirm.open();
            });
            stop.setId("helmfile-stop-keeping");
            stop.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            section.add(stop);
        }
        return section;
    }
}
