package io.chartroom.catalog.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import io.chartroom.base.ui.Badge;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.catalog.domain.ChartRepository;
import io.chartroom.catalog.domain.ChartStore;
import io.chartroom.catalog.domain.ChartSummary;
import io.chartroom.catalog.service.CatalogService;
import jakarta.annotation.security.PermitAll;

/** The catalog: every chart of every registered repository, searched as one types, paged lazily. */
@Route("catalog")
@PageTitle("Catalog")
@Menu(order = 10, icon = "vaadin:cubes", title = "Catalog")
@PermitAll
public class CatalogView extends VerticalLayout {

    private final CatalogService catalog;
    private final TextField search = new TextField();
    private final ComboBox<ChartRepository> repository = new ComboBox<>();
    private final ComboBox<String> keyword = new ComboBox<>();
    private final Span count = new Span();
    private final Grid<ChartSummary> grid = new Grid<>();

    public CatalogView(CatalogService catalog) {
        this.catalog = catalog;
        setSizeFull();
        search.setId("catalog-search");
        search.setPlaceholder("Search charts by name, keyword or description");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setValueChangeTimeout(250);
        search.setWidth("28rem");
        repository.setId("catalog-repository");
        repository.setPlaceholder("All repositories");
        repository.setItems(catalog.repositories());
        repository.setItemLabelGenerator(ChartRepository::name);
        repository.setClearButtonVisible(true);
        keyword.setId("catalog-keyword");
        keyword.setPlaceholder("Any keyword");
        keyword.setItems(catalog.keywords());
        keyword.setClearButtonVisible(true);
        count.setId("catalog-count");
        count.addClassName("muted");
        search.addValueChangeListener(e -> refresh());
        repository.addValueChangeListener(e -> refresh());
        keyword.addValueChangeListener(e -> refresh());
        HorizontalLayout filters = new HorizontalLayout(search, repository, keyword, count);
        filters.setAlignItems(Alignment.BASELINE);
        filters.setWrap(true);

        grid.setId("catalog-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(CatalogView::chartCell).setHeader("Chart").setFlexGrow(3);
        grid.addColumn(ChartSummary::repository).setHeader("Repository").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> c.latestVersion() == null ? "" : c.latestVersion()).setHeader("Latest").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> c.latestAppVersion() == null ? "" : c.latestAppVersion()).setHeader("App version").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> c.versionCount()).setHeader("Versions").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(c -> Timestamps.date(c.latestCreated())).setHeader("Updated").setAutoWidth(true).setFlexGrow(0);
        grid.addItemClickListener(e -> getUI().ifPresent(ui -> ui.navigate(ChartView.class,
                new RouteParameters(ChartView.parameters(e.getItem().repository(), e.getItem().name(), null)))));
        grid.setPageSize(50);
        add(filters, grid);
        refresh();
    }

    private ChartStore.Query query() {
        ChartRepository repo = repository.getValue();
        return new ChartStore.Query(search.getValue(), repo == null ? null : repo.id(), keyword.getValue());
    }

    private void refresh() {
        ChartStore.Query query = query();
        int total = catalog.count(query);
        count.setText(total == 1 ? "1 chart" : total + " charts");
        grid.setItems(q -> catalog.search(query, q.getOffset(), q.getLimit()).stream(), q -> catalog.count(query));
        grid.setEmptyStateText(query.hasText() || query.repositoryId() != null || query.keyword() != null
                ? "No chart matches. Try fewer words or another filter."
                : "The catalog is empty: an admin registers chart repositories under Repositories.");
    }

    private static Div chartCell(ChartSummary c) {
        Span name = new Span(c.name());
        name.addClassName("chart-name");
        Div first = new Div(name);
        if (c.deprecated()) {
            first.add(new Badge("deprecated", Badge.Tone.WARNING));
        }
        c.keywords().stream().limit(4).forEach(k -> first.add(new Badge(k, Badge.Tone.NEUTRAL)));
        Div description = new Div(c.description() == null ? "" : c.description());
        description.addClassName("chart-description");
        Div cell = new Div(first, description);
        cell.addClassName("chart-cell");
        return cell;
    }
}
