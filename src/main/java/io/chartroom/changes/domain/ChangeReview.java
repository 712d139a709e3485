package io.chartroom.changes.domain;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a change request changes, computed for its head commit against its base (what main holds): the files,
 * the values per environment, the rendered objects per environment and cluster, and the checks. Stored with
 * the change request, so that its page and the API show it without rendering again.
 */
public record ChangeReview(String baseCommit, String headCommit, Instant computedAt, List<FileChange> files,
                           List<EnvironmentChange> environments, List<Check> checks) {

    public enum FileStatus { ADDED, MODIFIED, DELETED }

    public enum ObjectStatus { ADDED, CHANGED, REMOVED, UNCHANGED }

    public enum CheckStatus { PASSED, WARNING, FAILED }

    /** {@code before} null: the file is added; {@code after} null: it is deleted. */
    public record FileChange(String path, FileStatus status, @Nullable String before, @Nullable String after) {}

    /**
     * One environment: its merged values (base and environment layers, as passed to Helm) before and after, and
     * the rendered difference per group of clusters that share a Kubernetes version. {@code release}: whose, in a
     * change request of several releases (null in one of a single release).
     */
    public record EnvironmentChange(String environment, boolean before, boolean after, String valuesBefore,
                                    String valuesAfter, List<TargetDiff> targets, @Nullable String release) {
        public EnvironmentChange(String environment, boolean before, boolean after, String valuesBefore, String valuesAfter,
                                 List<TargetDiff> targets) {
            this(environment, before, after, valuesBefore, valuesAfter, targets, null);
        }

        public EnvironmentChange ofRelease(String name) {
            return new EnvironmentChange(environment, before, after, valuesBefore, valuesAfter, targets, name);
        }

        /** How a section is headed: "dev", or "payments-api · dev" among several releases. */
        public String title() {
            return release == null ? environment : release + " · " + environment;
        }

        public boolean valuesChanged() {
            return !valuesBefore.equals(valuesAfter);
        }

        public boolean changed() {
            return before != after || valuesChanged() || targets.stream().anyMatch(TargetDiff::changed);
        }
    }

    /** The objects one group of clusters would get, before and after; an error when a side does not render. */
    public record TargetDiff(String kubeVersion, List<String> clusters, @Nullable String errorBefore, @Nullable String errorAfter,
                             List<ObjectChange> objects) {
        public boolean changed() {
            return errorAfter != null || objects.stream().anyMatch(o -> o.status() != ObjectStatus.UNCHANGED);
        }

        public long count(ObjectStatus status) {
            return objects.stream().filter(o -> o.status() == status).count();
        }
    }

    /** An object by identity; before and after are its YAML (omitted when unchanged, to keep reviews small). */
    /** @param role what Helm install does with it when that is not "apply it" (a CRD from crds/, a hook, a test), else null */
    public record ObjectChange(String kind, String apiVersion, @Nullable String namespace, String name, ObjectStatus status,
                               @Nullable String before, @Nullable String after, @Nullable String role) {
        /** A Secret's values are masked here too, so that reviews stored before masking existed never show them. */
        public ObjectChange {
            before = io.chartroom.base.crypto.SecretMask.maskYaml(before);
            after = io.chartroom.base.crypto.SecretMask.maskYaml(after);
        }

        public String id() {
            return kind + "/" + (namespace == null || namespace.isBlank() ? "" : namespace + "/") + name;
        }
    }

    public record Check(String name, CheckStatus status, String summary, List<String> details) {}

    public boolean checksPass() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAILED);
    }

    /** The environments where something changes (values, objects, or whether the release runs there). */
    public List<String> changedEnvironments() {
        return environments.stream().filter(EnvironmentChange::changed).map(EnvironmentChange::environment).distinct().toList();
    }
}
