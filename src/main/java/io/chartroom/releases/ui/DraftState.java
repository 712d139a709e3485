package io.chartroom.releases.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeLeaveEvent;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.ui.Timestamps;
import io.chartroom.releases.service.ReleaseDraft;
import io.chartroom.releases.service.SavedDrafts;
import java.time.Instant;

/**
 * Whether the editor's draft is kept for the user ("Draft saved"), with a way to discard it; and the question
 * before leaving a page whose draft differs from what it opened with. The draft itself lives server-side
 * ({@link SavedDrafts}), so leaving loses nothing: the question is whether to keep it.
 */
final class DraftState extends HorizontalLayout {

    private final SavedDrafts drafts;
    private final Runnable onDiscard;
    private final Span label = new Span();
    private final Button discard = new Button("Discard draft", VaadinIcon.TRASH.create());
    private String key;
    private boolean saved;
    private boolean submitted;
    /** What was saved last: a check that changes nothing (a restored draft, a re-render) does not save again. */
    private ReleaseDraft lastSaved;

    DraftState(SavedDrafts drafts, Runnable onDiscard) {
        this.drafts = drafts;
        this.onDiscard = onDiscard;
        label.setId("draft-state");
        label.addClassName("cr-note");
        discard.setId("discard-draft");
        discard.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        discard.addClickListener(e -> {
            drafts.discard(key);
            show(false, "");
            onDiscard.run();
        });
        setAlignItems(Alignment.CENTER);
        setSpacing(false);
        add(label, discard);
        show(false, "");
    }

    /** After each change: keeps the draft, or drops it when the user is back where the page started. */
    void keep(String key, ReleaseDraft draft, boolean unchanged) {
        this.key = key;
        if (submitted) {
            return;
        }
        if (unchanged) {
            if (saved) {
                drafts.discard(key);
                show(false, "");
            }
            return;
        }
        if (saved && draft.equals(lastSaved)) {
            return;
        }
        try {
            Instant at = drafts.save(key, draft);
            lastSaved = draft;
            show(true, "Draft saved");
            label.setTitle("Kept for you at " + Timestamps.seconds(at) + ": Back, a reload or another browser brings it back");
            label.removeClassName("error-text");
        } catch (InvalidInputException tooLarge) {
            label.setText("Draft not saved: " + tooLarge.getMessage());
            label.addClassName("error-text");
            label.setVisible(true);
        }
    }

    void restored(String key, SavedDrafts.Saved draft) {
        this.key = key;
        lastSaved = draft.draft();
        Instant savedAt = draft.savedAt();
        show(true, "Your draft from " + Timestamps.format(savedAt) + " is back");
    }

    /** The change request is open: the draft has done its work. */
    void submitted(String key) {
        submitted = true;
        drafts.discard(key);
        show(false, "");
    }

    /** Asks before leaving a changed draft: stay, leave and keep it, or discard it. */
    void confirmLeaving(BeforeLeaveEvent event) {
        if (!saved || submitted) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("leave-draft");
        dialog.setHeader("Leave this draft?");
        dialog.setText("Your changes are kept as a draft for you: open this page again to go on where you left off.");
        dialog.setCancelable(true);
        dialog.setCancelText("Stay");
        // a postponed navigation left pending blocks every later one: Stay (and Escape) cancels it
        dialog.addCancelListener(e -> leave.cancel());
        dialog.setRejectable(true);
        dialog.setRejectText("Discard draft");
        dialog.addRejectListener(e -> {
            drafts.discard(key);
            show(false, "");
            leave.proceed();
        });
        dialog.setConfirmText("Leave, keep draft");
        dialog.addConfirmListener(e -> leave.proceed());
        dialog.open();
    }

    private void show(boolean kept, String text) {
        saved = kept;
        if (!kept) {
            lastSaved = null;
        }
        label.setText(text);
        label.setVisible(kept);
        discard.setVisible(kept);
    }
}
