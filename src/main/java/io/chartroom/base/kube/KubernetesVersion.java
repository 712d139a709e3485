package io.chartroom.base.kube;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * A Kubernetes version, parsed once: as environments write it ({@code 1.31}, {@code v1.31.2}) or as a cluster
 * answers it ({@code v1.31.4-eks-2a7f}), always shown as {@code v<major>.<minor>[.<patch>]} without a vendor suffix
 * (what Helm's capabilities and chart {@code kubeVersion} constraints compare against).
 */
public record KubernetesVersion(int major, int minor, Integer patch) {

    private static final Pattern WRITTEN = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?$");
    private static final Pattern CONSTRAINT_TOKEN = Pattern.compile(
            "^(?:[<>=~^!]{0,2}v?[0-9xX*]+(?:\\.[0-9xX*]+){0,2}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?|-|[<>=~^!]{1,2})$");
    private static final Pattern ANSWERED = Pattern.compile("^v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?$");

    /** Whether the text is a version an environment may give: 1.31 or v1.31.2. */
    public static boolean isWritten(String text) {
        return text != null && WRITTEN.matcher(text.strip()).matches();
    }

    /** A version as environments write it or clusters answer it; IllegalArgumentException for anything else. */
    public static KubernetesVersion parse(String text) {
        Matcher m = text == null ? null : ANSWERED.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes version such as 1.31 or v1.31.2");
        }
        return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? null : Integer.valueOf(m.group(3)));
    }

    /**
     * The version a release is rendered and applied with on a cluster: the cluster's own as it answered, else (not
     * reached yet) the one its environment gives. The one rule for it.
     */
    public static String forCluster(String clusterVersion, String environmentVersion) {
        return clusterVersion == null || clusterVersion.isBlank() ? environmentVersion : clusterVersion;
    }

    /**
     * Whether this version meets a chart's {@code kubeVersion} constraint, read as Helm reads it (Masterminds'
     * ranges: {@code >=1.21.0-0}, {@code >= 1.19, < 1.30}, {@code ^1.20 || ~1.31}). IllegalArgumentException when the
     * constraint cannot be read.
     */
    public boolean meets(String constraint) {
        for (String token : constraint.strip().split("\\s*(?:\\|\\||,|\\s)\\s*")) {
            // semver4j reads what it cannot parse as "matches nothing": unreadable constraints are told apart here
            if (!CONSTRAINT_TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException("'" + constraint + "' is not a version constraint");
            }
        }
        Semver version = new Semver(major + "." + minor + "." + (patch == null ? 0 : patch));
        try {
            // Masterminds joins with commas what npm-style ranges join with spaces
            return version.satisfies(constraint.replace(',', ' '));
        } catch (RuntimeException unreadable) {
            throw new IllegalArgumentException("'" + constraint + "' is not a version constraint", unreadable);
        }
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + (patch == null ? "" : "." + patch);
    }
}
