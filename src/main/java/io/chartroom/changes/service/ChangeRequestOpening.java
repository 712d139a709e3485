package io.chartroom.changes.service;

import io.chartroom.base.error.ConflictException;
import io.chartroom.changes.domain.Activity;
import io.chartroom.changes.domain.ChangeKind;
import io.chartroom.changes.domain.ChangeRequest;
import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.changes.domain.ChangeReview;
import io.chartroom.security.domain.UserIdentity;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every change request goes through, whatever it changes: opened as its row, branch, review and activity
 * together or not at all; and given a new head (a commit, an update from main) with its approvals dismissed.
 * Callers check who may.
 */
@Component
class ChangeRequestOpening {

    private final ChangeRequestRepository changeRequests;
    private final ChangeReviews reviews;
    private final RefTransactions refs;
    private final ApplicationEventPublisher events;
    private final ChangeRequestUpdates updates;
    private final TransactionTemplate tx;
    private final Clock clock;

    ChangeRequestOpening(ChangeRequestRepository changeRequests, ChangeReviews reviews, RefTransactions refs, ApplicationEventPublisher events,
                         ChangeRequestUpdates updates, TransactionTemplate tx, Clock clock) {
        this.changeRequests = changeRequests;
        this.reviews = reviews;
        this.refs = refs;
        this.events = events;
        this.updates = updates;
        this.tx = tx;
        this.clock = clock;
    }

    /** Opens it: {@code release} and {@code team} null for a change of the environments. */
    ChangeRequest open(ChangeKind kind, String release, String team, String title, String description, String base, String head,
                       Long revertsId, UserIdentity user) {
        return open(kind, release, team, title, description, base, head, revertsId, user, cr -> { });
    }

    /** The same, with what else must be written in the opening's transaction (a pull request adopted from the host). */
    ChangeRequest open(ChangeKind kind, String release, String team, String title, String description, String base, String head,
                       Long revertsId, UserIdentity user, java.util.function.Consumer<ChangeRequest> withOpening) {
        ChangeReview review = reviews.review(kind, release, base, head);
        ChangeRequest created;
        try {
            created = tx.execute(status -> {
                ChangeRequest cr = changeRequests.insert(title, description, kind, release, team, user.username(), base, head,
                        ChangeReviews.policyEnvironments(review), review, revertsId, clock.instant());
                if (kind == ChangeKind.CONVERT) {
                    refs.createForConversion(cr.ref(), head);
                } else {
                    refs.create(cr.ref(), head);
                }
                changeRequests.addActivity(cr.id(), Activity.Kind.OPENED, user.username(), description, clock.instant());
                withOpening.accept(cr);
                events.publishEvent(new ChangeRequestEvent("opened", cr, user.username(), Map.of("kind", kind.name(), "branch", cr.branch())));
                return cr;
            });
        } catch (DuplicateKeyException e) {
            throw new ConflictException(changeRequests.openCreation(release).map(id -> "change request #" + id).orElse("another change request")
                    + " already proposes a release named " + release);
        }
        updates.changed(created.id());
        return created;
    }

    /** A new head commit (on {@code base}): reviewed again, approvals dismissed, told to open views. */
    ChangeRequest newHead(ChangeRequest cr, String base, String head, String title, String description, UserIdentity user,
                          String action, String reason) {
        ChangeReview review = reviews.review(cr.kind(), cr.release(), base, head);
        ChangeRequest updated = tx.execute(status -> {
            if (!changeRequests.updateHead(cr, base, head, user.username(), ChangeReviews.policyEnvironments(review), review, title,
                    description, clock.instant())) {
                throw new ConflictException("change request #" + cr.id() + " changed meanwhile; reload it and try again");
            }
            refs.move(cr.ref(), cr.headCommit(), head);
            List<String> dismissed = changeRequests.dismissApprovals(cr.id(), reason, clock.instant());
            changeRequests.addActivity(cr.id(), Activity.Kind.COMMITTED, user.username(), reason, clock.instant());
            if (!dismissed.isEmpty()) {
                changeRequests.addActivity(cr.id(), Activity.Kind.DISMISSED, user.username(),
                        "approvals of " + String.join(", ", dismissed) + " dismissed: " + reason, clock.instant());
            }
            ChangeRequest now = changeRequests.find(cr.id()).orElseThrow();
            events.publishEvent(new ChangeRequestEvent(action, now, user.username(),
                    Map.of("previousHead", cr.headCommit(), "dismissedApprovals", dismissed)));
            return now;
        });
        updates.changed(cr.id());
        return updated;
    }

    static String orGenerated(String text, String generated) {
        return text == null || text.isBlank() ? generated : text.strip();
    }
}
