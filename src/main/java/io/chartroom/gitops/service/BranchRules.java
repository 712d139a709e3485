package io.chartroom.gitops.service;

import io.chartroom.base.event.AuditEntry;
import io.chartroom.gitops.domain.BranchOwnerRepository;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * What a push over Git's HTTP protocol may do: main is protected (it changes only by merging change requests),
 * cr/* belongs to change requests, only branches with plain names may be pushed, and a branch belongs to whoever
 * created it (or, under users/&lt;name&gt;/, to &lt;name&gt;): nobody else but an ADMIN moves or deletes it.
 * Every refusal is audited (git.push_refused); every accepted update too (git.pushed).
 */
@Service
public class BranchRules {

    private static final String HEADS = "refs/heads/";
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$");

    private final BranchOwnerRepository owners;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public BranchRules(BranchOwnerRepository owners, ApplicationEventPublisher events, Clock clock) {
        this.owners = owners;
        this.events = events;
        this.clock = clock;
    }

    /** Rejects every command the user may not run, with the reason, and audits the refusals. */
    public void check(UserIdentity user, Collection<ReceiveCommand> commands) {
        for (ReceiveCommand command : commands) {
            refusal(user, command).ifPresent(reason -> command.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, reason));
        }
        List<String> refused = commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.REJECTED_OTHER_REASON)
                .map(c -> c.getRefName() + ": " + c.getMessage()).toList();
        if (!refused.isEmpty()) {
            events.publishEvent(AuditEntry.of("git.push_refused", user.username()).target("repository", "gitops.git")
                    .detail("refused", refused).denied(String.join("; ", refused)).build());
        }
    }

    /** A push refused as a whole: its pack is larger than chartroom.gitops.max-push-size, or its user may not push. */
    public void refusedWhole(UserIdentity user, String reason) {
        events.publishEvent(AuditEntry.of("git.push_refused", user.username()).target("repository", "gitops.git")
                .detail("refused", List.of("the whole push: " + reason)).denied(reason).build());
    }

    /** After the accepted updates: who owns the new branches, and the audit line. */
    public void accepted(UserIdentity user, Collection<ReceiveCommand> commands) {
        List<String> updated = commands.stream().filter(c -> c.getResult() == ReceiveCommand.Result.OK).map(c -> {
            switch (c.getType()) {
                case CREATE -> owners.created(c.getRefName(), user.username(), clock.instant());
                case DELETE -> owners.deleted(c.getRefName());
                default -> { }
            }
            return c.getRefName() + " " + c.getType().name().toLowerCase(Locale.ROOT) + " " + c.getNewId().name();
        }).toList();
        if (!updated.isEmpty()) {
            events.publishEvent(AuditEntry.of("git.pushed", user.username()).target("repository", "gitops.git")
                    .detail("refs", updated).build());
        }
    }

    private Optional<String> refusal(UserIdentity user, ReceiveCommand command) {
        String ref = command.getRefName();
        if (!ref.startsWith(HEADS)) {
            return Optional.of("only branches may be pushed");
        }
        String branch = ref.substring(HEADS.length());
        String lower = branch.toLowerCase(Locale.ROOT);
        if (ref.equals(GitOpsRepository.MAIN)) {
            return Optional.of("main is protected: it changes only by merging change requests in Chartroom");
        }
        if (lower.equals("main") || lower.startsWith("main/") || lower.equals("head") || lower.equals("master")
                || lower.equals("cr") || lower.equals("users")) {
            return Optional.of("'" + branch + "' is reserved: it would be mistaken for main or HEAD, or block cr/* or users/*");
        }
        if (lower.startsWith("cr/")) {
            return Optional.of("cr/* branches belong to Chartroom's change requests");
        }
        if (!NAME.matcher(branch).matches() || !Repository.isValidRefName(ref) || branch.contains("//") || branch.endsWith("/")) {
            return Optional.of("'" + branch + "' is not a branch name Chartroom accepts (letters, digits, '.', '_', '-' and '/', "
                    + "starting with a letter or digit, at most 200 characters)");
        }
        if (lower.startsWith("users/") && !branch.startsWith("users/" + user.username() + "/") && !user.hasRole(Role.ADMIN)) {
            return Optional.of("branches under users/" + branch.split("/")[1] + "/ belong to that user");
        }
        if (command.getType() == ReceiveCommand.Type.CREATE || user.hasRole(Role.ADMIN) || branch.startsWith("users/" + user.username() + "/")) {
            return Optional.empty();
        }
        Optional<String> owner = owners.owner(ref);
        if (owner.isPresent() && owner.get().equals(user.username())) {
            return Optional.empty();
        }
        return Optional.of(owner.map(o -> branch + " belongs to " + o + ": only its owner or an ADMIN may change or delete it")
                .orElse(branch + " was pushed before owners were recorded: only an ADMIN may change or delete it"));
    }
}
