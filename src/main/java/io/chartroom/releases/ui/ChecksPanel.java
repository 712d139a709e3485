package io.chartroom.releases.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import io.chartroom.releases.service.DraftCheck;
import java.util.function.Consumer;

/** The draft check's problems: how many errors and warnings, and each problem, which takes the user to it. */
final class ChecksPanel extends Div {

    private final Span summary = new Span();
    private final Div list = new Div();
    private final Consumer<DraftCheck.Problem> reveal;

    /** @param reveal shows where a clicked problem is */
    ChecksPanel(Consumer<DraftCheck.Problem> reveal) {
        this.reveal = reveal;
        summary.setId("problems-summary");
        list.setId("problems");
        list.addClassName("problems");
        add(new H3("Checks"), summary, list);
    }

    /** @param untouched a new release the user has not typed in yet: what is missing is a to-do list, not errors */
    void show(DraftCheck check, boolean untouched) {
        list.removeAll();
        int errors = check.errors().size();
        int warnings = check.warnings().size();
        summary.setText(untouched && errors > 0 ? "To submit, fill in what is listed below."
                : errors == 0 && warnings == 0 ? "No problems." : errors + (errors == 1 ? " error" : " errors")
                + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                + (errors > 0 ? ": fix them to submit" : ""));
        summary.getElement().getThemeList().set("error", errors > 0 && !untouched);
        for (DraftCheck.Problem p : check.problems()) {
            boolean error = p.severity() == DraftCheck.Severity.ERROR;
            Div item = new Div((untouched ? VaadinIcon.CIRCLE_THIN : error ? VaadinIcon.CLOSE_CIRCLE : VaadinIcon.WARNING).create(),
                    new Span(p.toString()));
            item.addClassNames("problem", untouched ? "problem-todo" : error ? "problem-error" : "problem-warning");
            item.addClickListener(e -> reveal.accept(p));
            list.add(item);
        }
    }
}
