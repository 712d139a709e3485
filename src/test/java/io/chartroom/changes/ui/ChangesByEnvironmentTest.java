package io.chartroom.changes.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import io.chartroom.changes.domain.ChangeReview;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A review of hundreds of objects shows them a page at a time (each object is several components in every reviewer's tab). */
class ChangesByEnvironmentTest {

    @Test
    void objectsComeAPageAtATimeUnchangedOnesAsOneLine() {
        List<ChangeReview.ObjectChange> objects = Stream.concat(
                IntStream.range(0, 45).mapToObj(i -> new ChangeReview.ObjectChange("ConfigMap", "v1", "shop", "cm-" + i,
                        ChangeReview.ObjectStatus.ADDED, null, "data: {}\n", null)),
                Stream.of(new ChangeReview.ObjectChange("Service", "v1", "shop", "web", ChangeReview.ObjectStatus.UNCHANGED, null, null, null)))
                .toList();
        ChangeReview.TargetDiff target = new ChangeReview.TargetDiff("1.31", List.of("dev-1"), null, null, objects);
        ChangeReview review = new ChangeReview("a", "b", java.time.Instant.now(), List.of(),
                List.of(new ChangeReview.EnvironmentChange("dev", true, true, "x: 1\n", "x: 1\n", List.of(target))), List.of());

        ChangesByEnvironment changes = new ChangesByEnvironment(review);
        assertThat(objectsShown(changes)).isEqualTo(ChangesByEnvironment.OBJECTS_PER_PAGE);
        more(changes).orElseThrow().click();
        assertThat(objectsShown(changes)).isEqualTo(2 * ChangesByEnvironment.OBJECTS_PER_PAGE);
        Button last = more(changes).orElseThrow();
        assertThat(last.getText()).isEqualTo("Show 5 more of 5 objects");
        last.click();
        assertThat(objectsShown(changes)).isEqualTo(45);
        assertThat(more(changes)).isEmpty();
        assertThat(descendants(changes).filter(c -> c.getElement().getText().startsWith("Unchanged: Service web"))).hasSize(1);
    }

    private static long objectsShown(Component root) {
        return descendants(root).filter(c -> c instanceof LazyDiff d && d.hasClassName("cr-object")).count();
    }

    private static java.util.Optional<Button> more(Component root) {
        return descendants(root).filter(c -> c instanceof Button b && b.hasClassName("cr-more-objects")).map(Button.class::cast).findFirst();
    }

    private static Stream<Component> descendants(Component root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(ChangesByEnvironmentTest::descendants));
    }
}
