package io.chartroom.gitops.service;

import io.chartroom.base.error.NotFoundException;
import io.chartroom.gitops.domain.CommitId;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/**
 * A commit of the GitOps repository as a reader opens it from a revision: who wrote it, and each file it changed
 * with its text before and after. Open to every role: the repository holds no secret (they never reach Git).
 */
@Service
public class CommitFiles {

    /** A directory of the repository: relative, no empty or dot segments (Git's path filter refuses others). */
    private static final Pattern DIRECTORY = Pattern.compile("^([A-Za-z0-9_.-]*[A-Za-z0-9_-][A-Za-z0-9_.-]*)(/[A-Za-z0-9_.-]*[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$");

    /** A file the commit changed: {@code before} is null for a new file, {@code after} for a deleted one. */
    public record ChangedFile(String path, @Nullable String before, @Nullable String after) {}

    public record Commit(GitOpsRepository.CommitInfo info, List<ChangedFile> files) {}

    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;

    CommitFiles(GitOpsRepository gitops, CurrentUser currentUser) {
        this.gitops = gitops;
        this.currentUser = currentUser;
    }

    /** The commit (a full id) and the files it changed against its first parent, under {@code directory} ("" for all). */
    public Commit commit(String id, String directory) {
        currentUser.require(Role.VIEWER);
        if (!CommitId.isFull(id)) {
            throw new NotFoundException("commit " + id + " does not exist");
        }
        if (!directory.isEmpty() && (!DIRECTORY.matcher(directory).matches() || directory.contains(".."))) {
            throw new NotFoundException("there is no directory " + directory + " in the repository");
        }
        GitOpsRepository.CommitInfo info;
        try {
            info = gitops.history(id, 1).getFirst();
        } catch (UncheckedIOException | IllegalArgumentException missing) {
            throw new NotFoundException("commit " + id + " does not exist");
        }
        String parent = info.parents().isEmpty() ? null : info.parents().getFirst();
        Map<String, @Nullable String> after = new TreeMap<>(parent == null ? gitops.readTree(id, directory) : gitops.changes(parent, id, directory));
        List<ChangedFile> files = after.entrySet().stream()
                .map(e -> new ChangedFile(e.getKey(), parent == null ? null : gitops.read(parent, e.getKey()).orElse(null), e.getValue()))
                .toList();
        return new Commit(info, files);
    }
}
