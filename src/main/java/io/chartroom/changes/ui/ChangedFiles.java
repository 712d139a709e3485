package io.chartroom.changes.ui;

import com.vaadin.flow.component.html.Div;
import io.chartroom.base.ui.Badge;
import io.chartroom.changes.domain.ChangeReview;
import org.springframework.web.util.HtmlUtils;

/** The Files tab: each file of the repository the change request adds, changes or deletes, as a diff. */
class ChangedFiles extends Div {

    ChangedFiles(ChangeReview review) {
        setId("cr-files");
        for (ChangeReview.FileChange f : review.files()) {
            // a few files open at once; many would cost the browser an editor each
            String summary = Badge.html(f.status().name().toLowerCase(), f.status() == ChangeReview.FileStatus.ADDED ? Badge.Tone.SUCCESS
                    : f.status() == ChangeReview.FileStatus.DELETED ? Badge.Tone.ERROR : Badge.Tone.PRIMARY) + " " + HtmlUtils.htmlEscape(f.path());
            LazyDiff file = new LazyDiff(summary, f.path(), f.before(), f.after(), review.files().size() <= 4);
            add(file);
        }
    }
}
