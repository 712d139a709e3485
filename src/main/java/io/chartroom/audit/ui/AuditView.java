package io.chartroom.audit.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import io.chartroom.audit.domain.AuditFilter;
import io.chartroom.audit.domain.AuditRecord;
import io.chartroom.audit.service.AuditChainVerifier;
import io.chartroom.audit.service.AuditLog;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;

/**
 * The audit log for admins: filters (time range, actor, action, target, outcome, words in the details), a
 * lazily paged table over any number of rows, export of what the filter selects, and chain verification.
 */
@Route("admin/audit")
@PageTitle("Audit log")
@Menu(order = 230, icon = "vaadin:clipboard-text", title = "Audit log")
@RolesAllowed("ADMIN")
public class AuditView extends VerticalLayout {

    private static final String ANY = "Any outcome";

    private final AuditLog audit;
    private final Grid<AuditRecord> grid = new Grid<>();
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final TextField actor = new TextField("Actor");
    private final ComboBox<String> action = new ComboBox<>("Action");
    private final TextField target = new TextField("Target");
    private final Select<String> outcome = new Select<>();
    private final TextField text = new TextField("Search details");
    private final Span verification = new Span();
    private volatile AuditFilter filter = AuditFilter.ALL;

    public AuditView(AuditLog audit) {
        this.audit = audit;
        setSizeFull();
        Paragraph intro = new Paragraph("Every action in Chartroom, newest first. The log is append-only in the database and "
                + "hash-chained: Verify recomputes the chain and names the first row that was changed or removed.");
        intro.addClassName("view-intro");

        from.setId("audit-from");
        to.setId("audit-to");
        actor.setId("audit-actor");
        actor.setPlaceholder("user name");
        action.setId("audit-action");
        action.setItems(audit.actions());
        action.setAllowCustomValue(true);
        action.addCustomValueSetListener(e -> action.setValue(e.getDetail()));
        action.setClearButtonVisible(true);
        action.setPlaceholder("any, or a group like change_request.");
        target.setId("audit-target");
        target.setPlaceholder("release, environment, cluster, #CR");
        outcome.setId("audit-outcome");
        outcome.setLabel("Outcome");
        outcome.setItems(Stream.concat(Stream.of(ANY), Stream.of(AuditEntry.Outcome.values()).map(Enum::name)).toList());
        outcome.setItemLabelGenerator(o -> o.equals(ANY) ? ANY : outcomeLabel(o)); // the grid's words
        outcome.setValue(ANY);
        text.setId("audit-text");
        text.setPlaceholder("words");
        text.setPrefixComponent(VaadinIcon.SEARCH.create());
        for (TextField field : new TextField[] {actor, target, text}) {
            field.setValueChangeMode(ValueChangeMode.LAZY);
            field.setClearButtonVisible(true);
            field.addValueChangeListener(e -> applyFilter());
        }
        from.addValueChangeListener(e -> applyFilter());
        to.addValueChangeListener(e -> applyFilter());
        action.addValueChangeListener(e -> applyFilter());
        outcome.addValueChangeListener(e -> applyFilter());
        HorizontalLayout filters = new HorizontalLayout(from, to, actor, action, target, outcome, text);
        filters.setWidthFull();
        filters.setWrap(true);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        Anchor csv = download("Export CSV", AuditLog.ExportFormat.CSV, "chartroom-audit.csv", "text/csv");
        csv.setId("audit-export-csv");
        Anchor jsonl = download("Export JSON lines", AuditLog.ExportFormat.JSONL, "chartroom-audit.jsonl", "application/x-ndjson");
        jsonl.setId("audit-export-jsonl");
        Button verify = new Button("Verify chain", VaadinIcon.SHIELD.create(), e -> verify());
        verify.setId("audit-verify");
        verify.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        verification.setId("audit-verification");
        HorizontalLayout actions = new HorizontalLayout(csv, jsonl, verify, verification);
        actions.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);

        grid.setId("audit-grid");
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.addColumn(r -> Timestamps.seconds(r.occurredAt())).setHeader("Time (UTC)").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditRecord::actor).setHeader("Actor").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditRecord::action).setHeader("Action").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(r -> outcomeBadge(r.outcome())).setHeader("Outcome").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(AuditView::target).setHeader("Target").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(AuditDetails::summary).setHeader("Details").setFlexGrow(3).setTooltipGenerator(AuditDetails::summary);
        grid.addColumn(AuditRecord::sourceAddress).setHeader("From").setAutoWidth(true).setFlexGrow(0);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(AuditDetails::of));
        grid.setEmptyStateText("No audit rows match these filters.");
        grid.setPageSize(100);
        showRows();

        add(intro, filters, actions, grid);
        expand(grid);
    }

    private void applyFilter() {
        String o = outcome.getValue();
        filter = new AuditFilter(instant(from.getValue()), instant(to.getValue()), actor.getValue(), action.getValue(),
                target.getValue(), o == null || o.equals(ANY) ? null : o, text.getValue());
        showRows();
    }

    /**
     * A fetch callback without a count: the grid pages on as it scrolls, and millions of rows cost nothing up
     * front. Set anew for each filter, so that the grid forgets how far the previous result went.
     */
    private void showRows() {
        AuditFilter current = filter;
        grid.setItems(query -> audit.search(current, null, query.getOffset(), query.getLimit()).stream());
    }

    private Anchor download(String label, AuditLog.ExportFormat format, String fileName, String contentType) {
        DownloadHandler handler = event -> {
            event.setFileName(fileName);
            event.setContentType(contentType);
            audit.export(filter, format, event.getOutputStream());
        };
        Anchor anchor = new Anchor(handler, label);
        anchor.getElement().setAttribute("download", true);
        anchor.addClassName("download-link");
        return anchor;
    }

    private void verify() {
        AuditChainVerifier.Result result = audit.verify();
        verification.removeAll();
        if (result.intact()) {
            verification.add(new Badge("Chain intact", Badge.Tone.SUCCESS),
                    new Span(String.format(" %,d rows verified in %,d ms%s%s", result.rows(), result.millis(),
                            result.checkpointId() == null ? "" : String.format(", up to the checkpoint at row %,d", result.checkpointId()),
                            result.missingIds() == 0 ? "" : String.format("; %,d ids unused (actions that rolled back; the chain "
                                    + "shows nothing was removed there)", result.missingIds()))));
            Notifications.success("The audit log's hash chain is intact (" + result.rows() + " rows)");
        } else {
            verification.add(new Badge("Chain broken at row " + result.firstBrokenId(), Badge.Tone.ERROR), new Span(" " + result.problem()));
            if (result.kind() != null && result.kind().acceptable()) {
                Button reanchor = new Button("Accept after a restore…", e -> reanchor());
                reanchor.setId("audit-reanchor");
                reanchor.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
                verification.add(reanchor);
            }
            Notifications.error("The audit log was tampered with: " + result.problem());
        }
    }

    /** After restoring a backup, an ADMIN accepts the break with a reason (audited); a changed row can never be accepted. */
    private void reanchor() {
        com.vaadin.flow.component.dialog.Dialog dialog = new com.vaadin.flow.component.dialog.Dialog();
        dialog.setHeaderTitle("Accept the break and re-anchor the chain");
        com.vaadin.flow.component.textfield.TextField reason = new com.vaadin.flow.component.textfield.TextField("Why (recorded in the audit log)");
        reason.setWidthFull();
        reason.setId("audit-reanchor-reason");
        dialog.add(new Span("Only for a break a restore explains (the database restored from a backup, the checkpoint lost). "
                + "Rows changed or forged are never accepted."), reason);
        Button confirm = new Button("Accept and re-anchor", e -> {
            try {
                audit.reanchor(reason.getValue());
                dialog.close();
                verify();
            } catch (RuntimeException refused) {
                reason.setInvalid(true);
                reason.setErrorMessage(refused.getMessage());
            }
        });
        confirm.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(new Button("Cancel", e -> dialog.close()), confirm);
        dialog.open();
    }

    static Component outcomeBadge(String outcome) {
        return new Badge(outcomeLabel(outcome), switch (outcome) {
            case "SUCCESS" -> Badge.Tone.SUCCESS;
            case "DENIED" -> Badge.Tone.WARNING;
            default -> Badge.Tone.ERROR;
        });
    }

    /** An outcome as the filter and the grid both say it. */
    static String outcomeLabel(String outcome) {
        return switch (outcome) {
            case "SUCCESS" -> "Success";
            case "DENIED" -> "Denied";
            default -> "Failed";
        };
    }

    static String target(AuditRecord r) {
        StringBuilder s = new StringBuilder();
        if (r.target() != null) {
            s.append(r.targetType() == null ? "" : r.targetType() + " ").append(r.target());
        }
        for (String part : new String[] {r.release(), r.environment(), r.cluster()}) {
            // a unit's target (web/dev@sim-dev) already names its release, environment and cluster
            if (part != null && (r.target() == null || !java.util.Arrays.asList(r.target().split("[/@]")).contains(part))) {
                s.append(s.isEmpty() ? "" : " · ").append(part);
            }
        }
        return s.toString();
    }

    private static Instant instant(LocalDateTime local) {
        return local == null ? null : local.toInstant(ZoneOffset.UTC);
    }
}
