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

    private static final long SAVE_EVERY_NANOS = 1_000_000_000L;

    private final SavedDrafts drafts;
    private final Runnable onDiscard;
    private final Span label = new Span();
    private final Button discard = new Button("Discard draft", VaadinIcon.TRASH.create());
    private String key;
    private boolean saved;
    private boolean submitted;
    /** What was saved last: a check that changes nothing (a restored draft, a re-render) does not save again. */
    private ReleaseDraft lastSaved;
    /** A change not saved yet: typing saves at most once a second; leaving or closing the page saves it. */
    private ReleaseDraft pending;
    private long lastSaveNanos;
    /** The latest changes could not be kept (too large, the database away): leaving says so. */
    private boolean failed;

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
            pending = null;
            if (saved) {
                drafts.discard(key);
                show(false, "");
            }
            return;
        }
        if (saved && draft.equals(lastSaved)) {
            pending = null;
            return;
        }
        pending = draft;
        if (System.nanoTime() - lastSaveNanos >= SAVE_EVERY_NANOS) {
            savePending();
        }
    }

    private void savePending() {
        ReleaseDraft draft = pending;
        if (draft == null || submitted) {
            return;
        }
        try {
            Instant at = drafts.save(key, draft);
            lastSaveNanos = System.nanoTime();
            lastSaved = draft;
            pending = null;
            failed = false;
            show(true, "Draft saved");
            label.setTitle("Kept for you at " + Timestamps.seconds(at) + ": Back, a reload or another browser brings it back");
            label.removeClassName("error-text");
        } catch (RuntimeException notKept) {
            failed = true;
            label.setText("Draft not saved: " + (notKept instanceof InvalidInputException tooLarge ? tooLarge.getMessage()
                    : "it could not be stored just now"));
            label.addClassName("error-text");
            label.setVisible(true);
        }
    }

    @Override
    protected void onDetach(com.vaadin.flow.component.DetachEvent event) {
        // the page is closed or reloaded: the last keystrokes are kept too
        savePending();
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
        savePending();
        if (!saved && !failed || submitted) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("leave-draft");
        dialog.setHeader("Leave this draft?");
        dialog.setText(failed ? "Your latest changes could not be kept: leaving loses them."
                : "Your changes are kept as a draft for you: open this page again to go on where you left off.");
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
            pending = null;
            failed = false;
        }
        label.setText(text);
        label.setVisible(kept);
        discard.setVisible(kept);
    }
}
