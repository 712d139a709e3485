package io.chartroom.changes.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import io.chartroom.base.ui.Badge;
import io.chartroom.changes.domain.ChangeReview;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The Changes tab: per environment, the values diff and, per group of clusters with one Kubernetes version,
 * the rendered objects added, changed and removed, each as a diff.
 */
class ChangesByEnvironment extends Div {

    static final int OBJECTS_PER_PAGE = 20;

    ChangesByEnvironment(ChangeReview review) {
        setId("cr-changes");
        if (review.environments().isEmpty()) {
            add(new Paragraph("The release runs in no environment."));
        }
        for (ChangeReview.EnvironmentChange env : review.environments()) {
            Div section = new Div();
            section.addClassName("cr-environment");
            section.setId("cr-env-" + (env.release() == null ? "" : env.release() + "-") + env.environment());
            H3 name = new H3(env.title());
            HorizontalLayout heading = new HorizontalLayout(name);
            heading.setAlignItems(FlexComponent.Alignment.CENTER);
            if (!env.before() && env.after()) {
                heading.add(new Badge("release added here", Badge.Tone.SUCCESS));
            } else if (env.before() && !env.after()) {
                heading.add(new Badge("release removed here", Badge.Tone.ERROR));
            } else if (!env.changed()) {
                heading.add(new Badge("no change", Badge.Tone.NEUTRAL));
            }
            section.add(heading);
            if (env.valuesChanged()) {
                section.add(new LazyDiff("Values", "values", env.valuesBefore(), env.valuesAfter(), true));
            }
            for (ChangeReview.TargetDiff target : env.targets()) {
                section.add(target((env.release() == null ? "" : env.release() + "-") + env.environment(), target));
            }
            add(section);
        }
    }

    private static Component target(String environment, ChangeReview.TargetDiff target) {
        Div box = new Div();
        box.addClassName("cr-target");
        H4 heading = new H4((target.clusters().isEmpty() ? "no cluster" : String.join(", ", target.clusters()))
                + " · Kubernetes " + target.kubeVersion());
        HorizontalLayout line = new HorizontalLayout(heading);
        line.setAlignItems(FlexComponent.Alignment.CENTER);
        for (var status : List.of(ChangeReview.ObjectStatus.ADDED, ChangeReview.ObjectStatus.CHANGED, ChangeReview.ObjectStatus.REMOVED,
                ChangeReview.ObjectStatus.UNCHANGED)) {
            long n = target.count(status);
            if (n > 0) {
                line.add(new Badge(n + " " + status.name().toLowerCase(), tone(status)));
            }
        }
        box.add(line);
        if (target.errorAfter() != null) {
            Div error = new Div(new Span("Does not render: " + target.errorAfter()));
            error.addClassName("callout-error");
            box.add(error);
        }
        if (target.errorBefore() != null) {
            Span note = new Span("What main holds does not render here: " + target.errorBefore());
            note.addClassName("cr-note");
            box.add(note);
        }
        List<ChangeReview.ObjectChange> changed = target.objects().stream().filter(o -> o.status() != ChangeReview.ObjectStatus.UNCHANGED).toList();
        Div objects = new Div();
        box.add(objects);
        showFrom(objects, environment, target, changed, 0);
        List<String> unchanged = target.objects().stream().filter(o -> o.status() == ChangeReview.ObjectStatus.UNCHANGED)
                .map(o -> o.kind() + " " + o.name()).toList();
        if (!unchanged.isEmpty()) {
            Span note = new Span("Unchanged: " + String.join(", ", unchanged));
            note.addClassName("cr-note");
            box.add(note);
        }
        return box;
    }

    /**
     * The objects a page at a time: a chart that renders hundreds of objects would otherwise put thousands of
     * components into every reviewer's page (5 MB of server memory per tab at 600 objects), most never looked at.
     */
    private static void showFrom(Div objects, String environment, ChangeReview.TargetDiff target, List<ChangeReview.ObjectChange> changed, int from) {
        int to = Math.min(changed.size(), from + OBJECTS_PER_PAGE);
        for (ChangeReview.ObjectChange o : changed.subList(from, to)) {
            objects.add(object(environment, target, o));
        }
        if (to < changed.size()) {
            int rest = changed.size() - to;
            Button more = new Button("Show " + Math.min(rest, OBJECTS_PER_PAGE) + " more of " + rest + " objects");
            more.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            more.addClassName("cr-more-objects");
            more.addClickListener(e -> {
                objects.remove(more);
                showFrom(objects, environment, target, changed, to);
            });
            objects.add(more);
        }
    }

    private static LazyDiff object(String environment, ChangeReview.TargetDiff target, ChangeReview.ObjectChange o) {
        // the summary as markup, not five to nine components: a page of rows is most of a review's state on the server
        String summary = Badge.html(o.status().name().toLowerCase(), tone(o.status()))
                + "<span class=\"cr-object-name\">" + HtmlUtils.htmlEscape(o.kind() + " " + (o.namespace() == null ? "" : o.namespace() + "/") + o.name())
                + "</span>" + (o.role() == null ? "" : "<span class=\"cr-object-role\">" + HtmlUtils.htmlEscape(o.role()) + "</span>");
        // changes open by default (what reviewers came for); whole objects added or removed on demand
        LazyDiff object = new LazyDiff(summary, o.id(), o.before(), o.after(),
                o.status() == ChangeReview.ObjectStatus.CHANGED && target.count(ChangeReview.ObjectStatus.CHANGED) <= 5);
        object.addClassName("cr-object");
        object.setId("cr-object-" + environment + "-" + o.kind() + "-" + o.name());
        return object;
    }

    private static Badge.Tone tone(ChangeReview.ObjectStatus status) {
        return switch (status) {
            case ADDED -> Badge.Tone.SUCCESS;
            case CHANGED -> Badge.Tone.PRIMARY;
            case REMOVED -> Badge.Tone.ERROR;
            case UNCHANGED -> Badge.Tone.NEUTRAL;
        };
    }
}
