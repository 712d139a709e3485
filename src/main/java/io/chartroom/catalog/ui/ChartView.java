package io.chartroom.catalog.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.catalog.domain.ChartSummary;
import io.chartroom.catalog.domain.ChartVersion;
import io.chartroom.catalog.domain.VersionMetadata;
import io.chartroom.catalog.service.CatalogService;
import io.chartroom.catalog.service.ChartUsage;
import org.springframework.beans.factory.ObjectProvider;
import io.chartroom.catalog.service.DependencyStatus;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import jakarta.annotation.security.PermitAll;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chart: its versions (newest first), and for the chosen version the README, default values, values schema,
 * dependencies and details. The version is part of the URL, so a page can be linked.
 */
@Route("catalog/:repository/:chart/:version?")
@PermitAll
public class ChartView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final CatalogService catalog;
    private final ObjectProvider<ChartUsage> usage;
    private final boolean canCreateReleases;
    private String title = "Chart";

    public ChartView(CatalogService catalog, CurrentUser currentUser, ObjectProvider<ChartUsage> usage) {
        this.usage = usage;
        this.catalog = catalog;
        this.canCreateReleases = currentUser.find().map(u -> u.hasRole(Role.DEVELOPER)).orElse(false);
        addClassName("chart-view");
        setWidthFull();
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    public static Map<String, String> parameters(String repository, String chart, String version) {
        Map<String, String> params = new HashMap<>();
        params.put("repository", repository);
        params.put("chart", chart);
        if (version != null) {
            params.put("version", version);
        }
        return params;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        RouteParameters p = event.getRouteParameters();
        String repository = p.get("repository").orElseThrow();
        String chartName = p.get("chart").orElseThrow();
        ChartSummary chart = catalog.chart(repository, chartName);
        title = chart.name() + " · Catalog";
        List<ChartVersion> versions = catalog.versions(chart);
        String wanted = p.get("version").orElse(chart.latestVersion());
        removeAll();
        if (versions.isEmpty()) {
            add(new H2(chart.name()), new Paragraph("This chart has no versions."));
            return;
        }
        CatalogService.VersionDetail detail = catalog.version(repository, chartName,
                versions.stream().anyMatch(v -> v.version().equals(wanted)) ? wanted : versions.getFirst().version());
        render(chart, versions, detail);
    }

    private void render(ChartSummary chart, List<ChartVersion> versions, CatalogService.VersionDetail detail) {
        ChartVersion version = detail.version();
        H2 title = new H2(chart.name());
        title.setId("chart-title");
        HorizontalLayout heading = new HorizontalLayout(title, new Badge(chart.repository(), Badge.Tone.NEUTRAL));
        heading.setAlignItems(Alignment.BASELINE);
        if (chart.deprecated()) {
            heading.add(new Badge("deprecated", Badge.Tone.WARNING));
        }
        usage.ifAvailable(u -> u.upgradable(chart.repository(), chart.name()).ifPresent(text -> {
            Badge upgradable = new Badge(text, Badge.Tone.PRIMARY);
            upgradable.setId("chart-upgradable");
            heading.add(upgradable);
        }));
        Paragraph description = new Paragraph(version.description() == null ? "" : version.description());
        description.addClassName("chart-description");

        ComboBox<ChartVersion> picker = new ComboBox<>("Version");
        picker.setId("version-picker");
        picker.setItems(versions);
        picker.setItemLabelGenerator(ChartVersion::label);
        picker.setValue(version);
        picker.setWidth("24rem");
        picker.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                getUI().ifPresent(ui -> ui.navigate(ChartView.class,
                        new RouteParameters(parameters(chart.repository(), chart.name(), e.getValue().version()))));
            }
        });
        Span facts = new Span(versions.size() + (versions.size() == 1 ? " version" : " versions")
                + (version.appVersion() == null ? "" : " · app version " + version.appVersion())
                + (detail.archive() == null ? "" : detail.archive().hasSchema() ? " · has a values schema" : " · no values schema"));
        facts.setId("chart-facts");
        facts.addClassName("muted");
        HorizontalLayout versionRow = new HorizontalLayout(picker, facts);
        versionRow.setAlignItems(Alignment.BASELINE);
        if (canCreateReleases && detail.usable()) {
            Button create = new Button("Create release", VaadinIcon.PLUS.create(),
                    e -> getUI().ifPresent(ui -> ui.navigate("releases/new/" + version.id())));
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            create.setId("create-release");
            versionRow.add(create);
        }
        add(heading, description, versionRow);

        if (!detail.usable()) {
            Div problem = new Div(VaadinIcon.EXCLAMATION_CIRCLE.create(), new Span(detail.unusableReason()));
            problem.addClassName("callout-error");
            problem.setId("chart-unusable");
            add(problem);
        }

        TabSheet tabs = new TabSheet();
        tabs.setId("chart-tabs");
        tabs.setWidthFull();
        tabs.add("README", readme(detail));
        tabs.add("Default values", code(detail.archive() == null ? null : detail.archive().valuesYaml(), "values-yaml",
                "This chart has no values.yaml."));
        tabs.add("Values schema", schema(detail));
        tabs.add("Dependencies", dependencies(detail.dependencies()));
        tabs.add("Details", details(chart, version));
        add(tabs);
    }

    private static Component readme(CatalogService.VersionDetail detail) {
        if (detail.readmeHtml() == null || detail.readmeHtml().isBlank()) {
            return new Paragraph(detail.archive() == null ? "The chart archive could not be read." : "This chart has no README.");
        }
        Html html = new Html("<div class=\"readme\" id=\"readme\">" + detail.readmeHtml() + "</div>");
        return html;
    }

    private static Component schema(CatalogService.VersionDetail detail) {
        if (detail.archive() == null || !detail.archive().hasSchema()) {
            return new Paragraph("This chart has no values.schema.json: Chartroom builds its form from the types and comments of values.yaml.");
        }
        String pretty;
        try {
            pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(detail.archive().valuesSchema()));
        } catch (RuntimeException notJson) {
            pretty = detail.archive().valuesSchema();
        }
        return code(pretty, "values-schema", "");
    }

    private static Component code(String text, String id, String empty) {
        if (text == null || text.isBlank()) {
            return new Paragraph(empty);
        }
        Pre pre = new Pre(text);
        pre.setId(id);
        pre.addClassName("code-block");
        return pre;
    }

    private static Component dependencies(List<DependencyStatus> dependencies) {
        if (dependencies.isEmpty()) {
            return new Paragraph("This chart has no dependencies.");
        }
        Grid<DependencyStatus> grid = new Grid<>();
        grid.setId("dependencies");
        grid.addColumn(d -> d.name() + (d.alias() == null ? "" : " (as " + d.alias() + ")")).setHeader("Chart").setAutoWidth(true);
        grid.addColumn(DependencyStatus::constraint).setHeader("Version").setAutoWidth(true);
        grid.addColumn(d -> d.repository() == null ? "" : d.repository()).setHeader("Repository").setAutoWidth(true);
        grid.addComponentColumn(d -> switch (d.state()) {
            case VENDORED -> new Badge("vendored", Badge.Tone.NEUTRAL);
            case RESOLVED -> new Badge(d.resolvedRepository() + " " + d.resolvedVersion(), Badge.Tone.SUCCESS);
            case UNRESOLVED -> new Badge("unresolved", Badge.Tone.ERROR);
        }).setHeader("Resolution").setAutoWidth(true);
        grid.addColumn(DependencyStatus::message).setHeader("").setFlexGrow(1);
        grid.setAllRowsVisible(true);
        grid.setItems(dependencies);
        return grid;
    }

    private static Component details(ChartSummary chart, ChartVersion v) {
        VersionMetadata m = v.metadata();
        Div facts = new Div();
        facts.addClassName("facts");
        fact(facts, "Version", v.version());
        fact(facts, "App version", v.appVersion());
        fact(facts, "Created", Timestamps.format(v.created()));
        fact(facts, "Chart API", v.apiVersion());
        fact(facts, "Kubernetes", v.kubeVersion());
        fact(facts, "Type", m.type());
        fact(facts, "Digest", v.digest());
        if (m.home() != null) {
            facts.add(term("Home"), link(m.home()));
        }
        if (!m.sources().isEmpty()) {
            Div sources = new Div();
            m.sources().forEach(s -> sources.add(new Div(link(s))));
            facts.add(term("Sources"), sources);
        }
        if (!m.maintainers().isEmpty()) {
            Div people = new Div();
            m.maintainers().forEach(p -> people.add(new Div(p.name() + (p.email() == null ? "" : " <" + p.email() + ">"))));
            facts.add(term("Maintainers"), people);
        }
        if (!m.keywords().isEmpty()) {
            Div keywords = new Div();
            m.keywords().forEach(k -> keywords.add(new Badge(k, Badge.Tone.NEUTRAL)));
            facts.add(term("Keywords"), keywords);
        }
        fact(facts, "Repository", chart.repository());
        return facts;
    }

    private static void fact(Div facts, String name, String value) {
        if (value != null && !value.isBlank()) {
            facts.add(term(name), new Div(value));
        }
    }

    private static Span term(String name) {
        Span term = new Span(name);
        term.addClassName("fact-name");
        return term;
    }

    private static Component link(String url) {
        if (!url.matches("(?i)^https?://.*")) {
            return new Div(url);
        }
        Anchor a = new Anchor(url, url, AnchorTarget.BLANK);
        a.getElement().setAttribute("rel", "noopener noreferrer nofollow");
        return a;
    }
}
