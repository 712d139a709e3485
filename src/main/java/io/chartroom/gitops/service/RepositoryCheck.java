package io.chartroom.gitops.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.chartroom.base.error.ConflictException;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.gitops.domain.EnvironmentsLayout;
import io.chartroom.gitops.domain.LayoutException;
import io.chartroom.gitops.domain.RepositoryLayout;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Whether Chartroom can read a commit of the GitOps repository completely, and if not, each file and line it
 * cannot read. A repository that Chartroom cannot read (a team's own helmfile repository) is never written
 * to: no defaults, no environments.yaml, no change requests, until an admin chooses how to adopt it.
 */
@Service
public class RepositoryCheck {

    /** A file (and line, where known) that Chartroom cannot read, and why. */
    public record Problem(String path, Integer line, String message) {
        static Problem of(LayoutException e) {
            return new Problem(e.path(), e.line(), e.problem());
        }

        @Override
        public String toString() {
            return path + (line == null ? "" : ":" + line) + ": " + message;
        }
    }

    /**
     * A commit's reading. {@code empty}: nothing but what Chartroom's initial commit holds (no release, no
     * environment), so Chartroom may write its defaults into it.
     */
    public record Report(String commit, List<Problem> problems, boolean empty) {
        public boolean readable() {
            return problems.isEmpty();
        }
    }

    /** A report with what the next commit's report is derived from: the release directories and the environments. */
    private record Reading(Report report, Set<String> releases, int environments) {}

    private static final Set<String> HELMFILE_NAMES = Set.of("helmfile.yaml", "helmfile.yml", "helmfile.yaml.gotmpl",
            "helmfile.d");

    private final GitOpsRepository gitops;
    private final CurrentUser currentUser;
    private final Cache<String, Reading> readings = Caffeine.newBuilder().maximumSize(16).build();
    private final Cache<String, List<Problem>> releaseProblems = Caffeine.newBuilder().maximumSize(20_000).build();

    public RepositoryCheck(GitOpsRepository gitops, CurrentUser currentUser) {
        this.gitops = gitops;
        this.currentUser = currentUser;
    }

    /** main's reading, for the repository page and the API. */
    public Report onMain() {
        currentUser.require(Role.VIEWER);
        return at(gitops.main());
    }

    /** Whether main is exactly what Chartroom's initial commit holds: the only state defaults are written into. */
    public boolean mainIsEmpty() {
        return at(gitops.main()).empty();
    }

    /**
     * Refuses to write {@code what} into a repository whose main Chartroom cannot read completely: writing
     * would rewrite or bypass files a team keeps there.
     */
    public void requireWritable(String what) {
        Report report = at(gitops.main());
        if (!report.readable() && mainIsKept()) {
            throw new ConflictException("cannot " + what + ": the GitOps repository keeps its helmfile layout (an ADMIN's choice), where "
                    + "Chartroom changes values in place, one line of one file, and writes nothing in its own layout: edit a value of a release");
        }
        if (!report.readable()) {
            throw new ConflictException("cannot " + what + ": the GitOps repository holds " + report.problems().size()
                    + " file(s) Chartroom cannot read (first: " + report.problems().getFirst()
                    + "); nothing is written to it until an admin chooses how to adopt it (see Repository)");
        }
    }

    /** Refuses a commit that would become main while Chartroom cannot read it completely. */
    public void requireReadable(String commit, String what) {
        Report report = at(commit);
        if (!report.readable()) {
            throw new ConflictException("cannot " + what + ": the result holds " + report.problems().size()
                    + " file(s) Chartroom cannot read (first: " + report.problems().getFirst() + ")");
        }
    }

    /** Whether Chartroom reads the commit as it is, in its own layout (kept layouts aside). */
    public boolean readsAsWritten(String commit) {
        return at(commit).readable();
    }

    /**
     * Whether main is a team's layout that an ADMIN chose to keep and that Chartroom reads through
     * {@link ForeignLayoutReading}: its values are edited in place, nothing in Chartroom's layout is written to it.
     */
    public boolean mainIsKept() {
        return !at(gitops.main()).readable() && gitops.keepsForeignLayout();
    }

    /**
     * Refuses to move a ref while main can be read neither as it is nor as a kept layout. The change requests that
     * write Chartroom's layout check {@link #requireWritable} first: a kept layout takes only edits in place.
     */
    public void requireWritableOrKept(String what) {
        if (!mainIsKept()) {
            requireWritable(what);
        }
    }

    /** Refuses a commit that would become main while it can be read neither as it is nor as a kept layout. */
    public void requireReadableOrKept(String commit, String what) {
        if (at(commit).readable()) {
            return;
        }
        if (!mainIsKept()) {
            requireReadable(commit, what);
        }
        try {
            gitops.describing(commit);
        } catch (InvalidInputException unreadable) {
            throw new ConflictException("cannot " + what + ": the result cannot be read as the kept helmfile layout: " + unreadable.getMessage());
        }
    }

    Report at(String commit) {
        return readings.get(commit, this::read).report();
    }

    /**
     * A commit whose first parent was read already is read from what it changed (a merge touches a release or
     * two of thousands); anything else, or a change outside the release directories, is read in full.
     */
    private Reading read(String commit) {
        Reading parent = gitops.firstParent(commit).map(readings::getIfPresent).orElse(null);
        if (parent == null) {
            return readAll(commit);
        }
        Set<String> touched = new TreeSet<>();
        for (String path : gitops.changes(parent.report().commit(), commit, "").keySet()) {
            String[] parts = path.split("/", 3);
            if (parts.length < 3 || !parts[0].equals("releases")) {
                return readAll(commit);
            }
            touched.add(parts[1]);
        }
        List<Problem> problems = new ArrayList<>(parent.report().problems().stream()
                .filter(p -> touched.stream().noneMatch(r -> p.path().startsWith(RepositoryLayout.releaseDirectory(r)))).toList());
        Set<String> releases = new TreeSet<>(parent.releases());
        for (String release : touched) {
            List<Problem> found = readRelease(commit, release);
            if (found == null) {
                releases.remove(release);
            } else {
                releases.add(release);
                problems.addAll(found);
            }
        }
        return reading(commit, problems, releases, parent.environments());
    }

    private static Reading reading(String commit, List<Problem> problems, Set<String> releases, int environments) {
        boolean empty = releases.isEmpty() && environments == 0 && problems.isEmpty();
        return new Reading(new Report(commit, List.copyOf(problems), empty), Set.copyOf(releases), environments);
    }

    private Reading readAll(String commit) {
        List<Problem> problems = new ArrayList<>();
        Optional<String> root = gitops.read(commit, RepositoryLayout.HELMFILE);
        Optional<String> environmentsText = gitops.read(commit, RepositoryLayout.ENVIRONMENTS);
        Map<String, String> releases = gitops.releaseTreesAsWritten(commit);
        List<String> foreign = gitops.paths(commit, "releases").stream().filter(RepositoryCheck::isHelmfileOutsideLayout).toList();
        if (root.isEmpty() && environmentsText.isEmpty() && releases.isEmpty() && foreign.isEmpty()) {
            // no helmfile content at all (a new remote with a README or a licence): Chartroom adds its layout beside it
            return reading(commit, problems, Set.of(), 0);
        }
        root.ifPresentOrElse(text -> check(problems, () -> EnvironmentsLayout.readRootHelmfile(text)),
                () -> problems.add(new Problem(RepositoryLayout.HELMFILE, null, "missing: Chartroom's layout starts here")));
        int environments = 0;
        if (environmentsText.isEmpty()) {
            problems.add(new Problem(RepositoryLayout.ENVIRONMENTS, null, "missing"));
        } else {
            try {
                environments = EnvironmentsLayout.read(environmentsText.get()).size();
            } catch (LayoutException e) {
                problems.add(Problem.of(e));
            }
        }
        foreign.forEach(path -> problems.add(new Problem(path, null,
                "a helmfile file outside Chartroom's layout (releases/<name>/...): not read")));
        releases.forEach((release, tree) -> problems.addAll(releaseProblems.get(release + "@" + tree, k -> readRelease(commit, release))));
        return reading(commit, problems, releases.keySet(), environments);
    }

    /** A release directory's problems (null when the directory does not exist at the commit). */
    private List<Problem> readRelease(String commit, String release) {
        Map<String, String> files = gitops.readTree(commit, RepositoryLayout.releaseDirectory(release));
        if (files.isEmpty()) {
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        String helmfile = RepositoryLayout.helmfilePath(release);
        if (!files.containsKey(helmfile)) {
            files.keySet().forEach(p -> problems.add(new Problem(p, null, "not in Chartroom's layout (" + helmfile + " is missing)")));
            return List.copyOf(problems);
        }
        try {
            var description = RepositoryLayout.readRelease(release, path -> Optional.ofNullable(files.get(path)));
            Set<String> own = RepositoryLayout.releaseFiles(description).keySet();
            files.keySet().stream().filter(p -> !own.contains(p))
                    .forEach(p -> problems.add(new Problem(p, null, "not a file of release " + release + " as Chartroom writes it")));
        } catch (LayoutException e) {
            problems.add(Problem.of(e));
        } catch (InvalidInputException e) {
            problems.add(new Problem(helmfile, null, e.getMessage()));
        }
        return List.copyOf(problems);
    }

    private static boolean isHelmfileOutsideLayout(String path) {
        if (path.startsWith("releases/")) {
            return true; // a file directly in releases/, not in a release's directory
        }
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        return (HELMFILE_NAMES.contains(first) && !path.equals(RepositoryLayout.HELMFILE))
                || path.endsWith(".gotmpl") || first.equals("bases") || first.equals("environments");
    }

    private static void check(List<Problem> problems, Runnable read) {
        try {
            read.run();
        } catch (LayoutException e) {
            problems.add(Problem.of(e));
        }
    }
}
