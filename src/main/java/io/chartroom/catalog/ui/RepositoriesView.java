package io.chartroom.catalog.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Notifications;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.RepositorySync;
import io.chartroom.catalog.service.RepositoryService;
import io.chartroom.catalog.service.RepositorySyncService;
import io.chartroom.catalog.service.SyncProgress;
import io.chartroom.catalog.service.SyncProgressBroadcaster;
import io.chartroom.settings.domain.Setting;
import io.chartroom.settings.service.RuntimeSettings;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * For admins: the registered chart repositories, their last sync and a live progress bar while one runs
 * (pushed from the sync threads), and registering, editing, syncing and removing repositories.
 */
@Route("admin/repositories")
@PageTitle("Chart repositories")
@Menu(order = 210, icon = "vaadin:archives", title = "Repositories")
@RolesAllowed("ADMIN")
public class RepositoriesView extends VerticalLayout {

    private final RepositoryService repositories;
    private final RepositorySyncService syncs;
    private final SyncProgressBroadcaster broadcaster;
    private final Grid<ChartRepository> grid = new Grid<>();
    private final Map<Long, SyncProgress> progress = new ConcurrentHashMap<>();
    private Runnable unsubscribe;

    public RepositoriesView(RepositoryService repositories, RepositorySyncService syncs, SyncProgressBroadcaster broadcaster,
                            RuntimeSettings settings) {
        this.repositories = repositories;
        this.syncs = syncs;
        this.broadcaster = broadcaster;
        setSizeFull();

        Button register = new Button("Register repository", VaadinIcon.PLUS.create(),
                e -> new RepositoryDialog(repositories, null, this::refresh).open());
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.setId("register-repository");
        Checkbox privateNetworks = new Checkbox("Allow repositories on private networks",
                settings.flag(Setting.ALLOW_PRIVATE_NETWORKS));
        privateNetworks.setId("allow-private-networks");
        privateNetworks.setTooltipText(Setting.ALLOW_PRIVATE_NETWORKS.description());
        privateNetworks.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                settings.set(Setting.ALLOW_PRIVATE_NETWORKS, String.valueOf(e.getValue()));
                Notifications.success("Private networks " + (e.getValue() ? "allowed" : "refused") + " for chart repositories");
            }
        });
        Paragraph intro = new Paragraph("Charts of these repositories make up the catalog. Credentials are stored encrypted "
                + "and never shown again; link-local and cloud metadata addresses are always refused.");
        intro.addClassName("view-intro");
        HorizontalLayout toolbar = new HorizontalLayout(intro, privateNetworks, register);
        toolbar.setWidthFull();
        toolbar.setAlignItems(Alignment.CENTER);

        grid.setId("repositories");
        grid.addComponentColumn(r -> {
            Div cell = new Div(new Span(r.name()));
            cell.addClassName("repo-name");
            if (r.bundled()) {
                cell.add(new Badge("bundled", Badge.Tone.NEUTRAL));
            }
            Div url = new Div(r.url());
            url.addClassName("muted");
            return new Div(cell, url);
        }).setHeader("Repository").setFlexGrow(3);
        grid.addColumn(r -> r.type().name()).setHeader("Type").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> switch (r.authType()) {
            case NONE -> "none";
            case BASIC -> "basic (" + r.username() + ")";
            case BEARER -> "bearer token";
        }).setHeader("Authentication").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(r -> interval(r.syncInterval().toMinutes())).setHeader("Every").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(this::syncCell).setHeader("Last sync").setFlexGrow(3);
        grid.addComponentColumn(this::actions).setHeader("").setAutoWidth(true).setFlexGrow(0);
        grid.setItemDetailsRenderer(new com.vaadin.flow.data.renderer.ComponentRenderer<>(this::history));
        grid.setEmptyStateText("No repository is registered yet. Register one to fill the catalog.");
        add(toolbar, grid);
        refresh();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = broadcaster.subscribe(update -> ui.access(() -> {
            switch (update) {
                case SyncProgressBroadcaster.Running running -> {
                    progress.put(running.progress().repositoryId(), running.progress());
                    grid.getListDataView().getItems().filter(r -> r.id() == running.progress().repositoryId())
                            .findFirst().ifPresent(r -> grid.getDataProvider().refreshItem(r));
                }
                case SyncProgressBroadcaster.Finished finished -> {
                    progress.remove(finished.sync().repositoryId());
                    refresh();
                }
            }
        }));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }

    private void refresh() {
        List<ChartRepository> all = repositories.list();
        all.forEach(r -> broadcaster.running(r.id()).ifPresent(p -> progress.put(r.id(), p)));
        grid.setItems(all);
    }

    private com.vaadin.flow.component.Component syncCell(ChartRepository r) {
        SyncProgress running = progress.get(r.id());
        if (running != null) {
            ProgressBar bar = new ProgressBar();
            if (running.fraction() < 0) {
                bar.setIndeterminate(true);
            } else {
                bar.setValue(running.fraction());
            }
            Span text = new Span(running.describe());
            text.addClassName("muted");
            Div cell = new Div(bar, text);
            cell.addClassName("sync-progress");
            cell.setId("sync-progress-" + r.name());
            return cell;
        }
        if (r.lastSyncId() == null) {
            return new Span("never");
        }
        RepositorySync sync = repositories.sync(r.lastSyncId());
        Badge status = switch (sync.status()) {
            case SUCCEEDED -> new Badge(sync.errorCount() > 0 ? "synced with errors" : "synced",
                    sync.errorCount() > 0 ? Badge.Tone.WARNING : Badge.Tone.SUCCESS);
            case UNCHANGED -> new Badge("unchanged", Badge.Tone.SUCCESS);
            case FAILED -> new Badge("failed", Badge.Tone.ERROR);
            case RUNNING -> new Badge("running", Badge.Tone.PRIMARY);
        };
        Span summary = new Span(sync.status() == RepositorySync.Status.FAILED ? sync.message() : sync.summary());
        summary.addClassName(sync.status() == RepositorySync.Status.FAILED ? "error-text" : "muted");
        Span when = new Span(Timestamps.format(sync.finishedAt() != null ? sync.finishedAt() : sync.startedAt()));
        when.addClassName("muted");
        Div cell = new Div(new Div(status, when), summary);
        cell.setId("sync-result-" + r.name());
        cell.addClassName("sync-result");
        return cell;
    }

    private HorizontalLayout actions(ChartRepository r) {
        Button sync = new Button("Sync now", VaadinIcon.REFRESH.create(), e -> {
            syncs.syncNow(r.id());
            Notifications.success("Sync of " + r.name() + " started");
        });
        sync.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        sync.setId("sync-" + r.name());
        sync.setEnabled(!progress.containsKey(r.id()));
        Button edit = new Button("Edit", e -> new RepositoryDialog(repositories, r, this::refresh).open());
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.setId("edit-" + r.name());
        Button remove = new Button("Remove", e -> confirmRemove(r));
        remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        remove.setId("remove-" + r.name());
        Button history = new Button("History", e -> grid.setDetailsVisible(r, !grid.isDetailsVisible(r)));
        history.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        return new HorizontalLayout(sync, edit, history, remove);
    }

    private com.vaadin.flow.component.Component history(ChartRepository r) {
        Grid<RepositorySync> runs = new Grid<>();
        runs.addColumn(s -> Timestamps.format(s.startedAt())).setHeader("Started").setAutoWidth(true);
        runs.addColumn(RepositorySync::trigger).setHeader("Trigger").setAutoWidth(true);
        runs.addColumn(s -> s.finishedAt() == null ? "" : (s.finishedAt().toEpochMilli() - s.startedAt().toEpochMilli()) + " ms")
                .setHeader("Took").setAutoWidth(true);
        runs.addColumn(RepositorySync::summary).setHeader("Result").setFlexGrow(1);
        runs.addColumn(s -> String.join("; ", s.errors())).setHeader("Skipped entries").setFlexGrow(2);
        runs.setItems(repositories.recentSyncs(r.id(), 10));
        runs.setAllRowsVisible(true);
        return runs;
    }

    private void confirmRemove(ChartRepository r) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setHeader("Remove " + r.name() + "?");
        confirm.setText("Its charts leave the catalog. Releases that use them keep working from the GitOps repository, "
                + "but cannot be changed to other versions of these charts.");
        confirm.setCancelable(true);
        confirm.setConfirmText("Remove");
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            repositories.remove(r.id());
            refresh();
            Notifications.success(r.name() + " removed");
        });
        confirm.open();
    }

    static String interval(long minutes) {
        if (minutes % 1440 == 0) {
            return minutes / 1440 + " d";
        }
        return minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min";
    }
}
