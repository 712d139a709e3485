package io.chartroom.adoption.service;

import io.chartroom.adoption.domain.KeptHelmfileLayout;
import io.chartroom.adoption.domain.KeptHelmfileLayoutRepository;
import io.chartroom.adoption.helmfile.HelmfileRead;
import io.chartroom.adoption.helmfile.ReleaseMapping;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.base.event.Audited;
import io.chartroom.gitops.domain.Proposal;
import io.chartroom.releases.service.InPlaceEdits;
import org.springframework.context.ApplicationEventPublisher;
import io.chartroom.adoption.helmfile.InPlaceYamlEdit;
import io.chartroom.adoption.helmfile.RepositoryFiles;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.text.UnifiedDiff;
import io.chartroom.gitops.service.GitOpsRepository;
import io.chartroom.releases.values.SecretFields;
import io.chartroom.releases.values.ValuesPaths;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * One value of a release, as helmfile reads it in one environment, changed in the team's own values file and nowhere
 * else (issue 20, item 4a: keeping the helmfile layout): the values file whose value applies there (the last of the
 * release's values files that sets the path), or, for a value no file sets, the release's last values file. Every
 * other byte of the file stays ({@link InPlaceYamlEdit}). Answered as the file, the line and the diff against main;
 * nothing is written yet.
 */
@Service
public class HelmfileValueEdits {

    /** {@code path}: the keys (and list indexes) down to the value; {@code value} null removes it from the file. */
    public record Edit(String release, String environment, List<Object> path, @Nullable Object value) {}

    /** The edit as it would be committed: the file, the line it changes, the unified diff of that file (no context lines). */
    public record Preview(String commit, String file, int line, String diff) {}

    /** The edit and the change request's title and description (both optional). */
    public record Proposed(Edit edit, @Nullable String title, @Nullable String description) {}

    /** The change request opened for an edit, with the edit as committed. */
    public record Opened(long changeRequestId, String release, Preview edit) {}

    /** A computed edit: its preview, the file's new text, and the Chartroom release the helmfile release is read as. */
    private record Computed(Preview preview, String text, String release) {}

    private final GitOpsRepository gitops;
    private final HelmfileReading reading;
    private final KeptHelmfileLayoutRepository kept;
    private final InPlaceEdits changeRequests;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;

    HelmfileValueEdits(GitOpsRepository gitops, HelmfileReading reading, KeptHelmfileLayoutRepository kept, InPlaceEdits changeRequests,
                       CurrentUser currentUser, ApplicationEventPublisher events) {
        this.gitops = gitops;
        this.reading = reading;
        this.kept = kept;
        this.changeRequests = changeRequests;
        this.currentUser = currentUser;
        this.events = events;
    }

    public Preview preview(Edit edit) {
        currentUser.require(Role.DEVELOPER);
        return compute(edit).preview();
    }

    /**
     * Opens the change request of the edit (a DEVELOPER of the team that owns the kept layout's releases): one file of
     * main changed, reviewed per environment and cluster as the kept layout reads the release at main and with the edit.
     */
    @Audited(value = "helmfile.value_edit_proposed", targetType = "release", target = -1)
    public Opened propose(Proposed proposed) {
        currentUser.require(Role.DEVELOPER);
        KeptHelmfileLayout layout = kept.find().orElseThrow(() -> new ConflictException("the helmfile layout is not kept: an ADMIN chooses to "
                + "keep it (Repository) before values are edited in place"));
        Edit edit = proposed.edit();
        currentUser.requireTeam(Role.DEVELOPER, layout.teamOf(edit.release())); // before anything is read for the caller
        Computed computed = compute(edit);
        String team = layout.teamOf(computed.release()); // the release as Chartroom lists it (helmfile's name may differ)
        currentUser.requireTeam(Role.DEVELOPER, team);
        String where = ValuesPaths.text(edit.path());
        String title = proposed.title() == null || proposed.title().isBlank()
                ? (edit.value() == null ? "Remove " : "Set ") + where + " of " + computed.release() + " in " + edit.environment()
                : proposed.title().strip();
        long id = changeRequests.propose(computed.preview().commit(), computed.release(), team, computed.preview().file(), computed.text(),
                new Proposal(title, proposed.description() == null ? "" : proposed.description().strip(), title));
        events.publishEvent(AuditEntry.of("helmfile.value_edit_proposed", currentUser.require(Role.DEVELOPER).username())
                .target("release", computed.release()).changeRequest(id).detail("environment", edit.environment())
                .detail("file", computed.preview().file()).detail("line", computed.preview().line()).detail("path", where).build());
        return new Opened(id, computed.release(), computed.preview());
    }

    private Computed compute(Edit edit) {
        List<Object> path = checkedPath(edit.path());
        // a secret's key anywhere on the path (tls.key.value, apiKeys[0]): the value takes a reference only
        String key = path.stream().filter(step -> step instanceof String s && secretName(s)).map(String::valueOf).findFirst().orElse(null);
        if (key != null && edit.value() instanceof String text && !SecretFields.isReference(text)) {
            throw InvalidInputException.of("value", key + " holds a secret: give a reference (ref+awsssm://...), never the secret itself");
        }
        HelmfileReading.Result read = reading.read(gitops.main(), false);
        // the release as helmfile names it in the environment, or as Chartroom lists it (a name templated per environment)
        String helmfileName = read.mapped().releases().stream().filter(p -> p.name().equals(edit.release()))
                .map(p -> p.sources().get(edit.environment())).filter(java.util.Objects::nonNull).findFirst().orElse(edit.release());
        HelmfileRead.Release release = read.read().releases().stream()
                .filter(r -> r.name().equals(helmfileName) && r.environment().equals(edit.environment())).findFirst()
                .orElseThrow(() -> new NotFoundException("no release " + edit.release() + " in environment " + edit.environment()
                        + " as helmfile reads main"));
        String file = target(release, path, edit.value() == null);
        String text = gitops.texts(read.commit(), RepositoryFiles.MAX_FILE).files().get(file);
        if (text == null) {
            throw new NotFoundException(file + " is not in main");
        }
        InPlaceYamlEdit.Edited edited = edit.value() == null ? InPlaceYamlEdit.remove(file, text, path)
                : InPlaceYamlEdit.set(file, text, path, edit.value());
        String chartroomName = read.mapped().releases().stream().filter(p -> helmfileName.equals(p.sources().get(edit.environment())))
                .map(ReleaseMapping.Proposed::name).findFirst().orElse(helmfileName);
        return new Computed(new Preview(read.commit(), file, edited.line(), hidden(UnifiedDiff.of(file, text, edited.text(), 0))), edited.text(),
                chartroomName);
    }

    private static boolean secretName(String key) {
        return SecretFields.isSecretByName(key, null);
    }

    private static List<Object> checkedPath(@Nullable List<Object> path) {
        if (path == null || path.isEmpty()) {
            throw InvalidInputException.of("path", "the keys down to the value, e.g. [\"image\", \"tag\"]");
        }
        for (Object step : path) {
            if (!(step instanceof String) && !(step instanceof Integer index && index >= 0)) {
                throw InvalidInputException.of("path", "keys are strings and list indexes whole numbers from 0, not " + step);
            }
        }
        return List.copyOf(path);
    }

    /** The values file to change: where the value applies from, else (a new value) the release's last values file. */
    private static String target(HelmfileRead.Release release, List<Object> path, boolean removing) {
        String where = ValuesPaths.text(path);
        HelmfileRead.ValuesSource source = release.sourceOf(path).orElse(null);
        if (source != null) {
            if (source.kind() != HelmfileRead.ValuesSource.Kind.FILE) {
                throw InvalidInputException.of(source.file() + ":" + source.line(), where + " is set " + switch (source.kind()) {
                    case TEMPLATED_FILE -> "by a templated values file";
                    case INLINE -> "by values written in the helmfile";
                    case SET -> "by the release's set: entries";
                    default -> "where Chartroom cannot read it";
                } + "; Chartroom edits plain values files only: change it there");
            }
            return source.file();
        }
        if (removing) {
            throw InvalidInputException.of("path", where + " is not set by any values file of " + release.name() + " in " + release.environment());
        }
        return release.sources().reversed().stream().filter(s -> s.kind() == HelmfileRead.ValuesSource.Kind.FILE).findFirst()
                .map(HelmfileRead.ValuesSource::file)
                .orElseThrow(() -> InvalidInputException.of(release.file(), release.name() + " has no plain values file in "
                        + release.environment() + " to add " + where + " to"));
    }

    /**
     * The diff with what a secret holds hidden: a changed line under a key named like a secret (the key's own line, or
     * any line of a block under it) shows as {@code <hidden>}; the values file is the team's, and may hold one written
     * before it became a reference.
     */
    static String hidden(String diff) {
        StringBuilder out = new StringBuilder();
        int secretIndent = -1; // while inside a secret's block (a nested mapping, a list, a block scalar) of that many spaces
        for (String line : diff.lines().toList()) {
            boolean changed = (line.startsWith("-") || line.startsWith("+")) && !line.startsWith("---") && !line.startsWith("+++");
            if (!changed) {
                secretIndent = -1;
                out.append(line).append('\n');
                continue;
            }
            String body = line.substring(1);
            int indent = body.length() - body.stripLeading().length();
            if (secretIndent >= 0 && (indent > secretIndent || body.isBlank())) {
                out.append(line.charAt(0)).append(" ".repeat(indent)).append("<hidden>\n");
                continue;
            }
            secretIndent = -1;
            java.util.regex.Matcher keyed = KEYED.matcher(body);
            if (keyed.matches() && secretName(keyed.group(2).replaceAll("^[\"']|[\"']$", ""))) {
                secretIndent = indent + (keyed.group(1) == null ? 0 : keyed.group(1).length());
                out.append(line.charAt(0)).append(body, 0, body.indexOf(':', keyed.end(2)) + 1).append(" <hidden>\n");
            } else {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    /** "  key: value" or "  - key: value": the indentation, a list item's dash, the key. */
    private static final java.util.regex.Pattern KEYED = java.util.regex.Pattern.compile("^\\s*(- )?([^:#\\s][^:]*?)\\s*:(\\s.*|)$");
}
