package io.chartroom.clusters.service;

import io.chartroom.base.event.RemovalCheck;
import io.chartroom.base.event.Audited;
import io.chartroom.base.error.InvalidInputException;
import io.chartroom.base.error.NotFoundException;
import io.chartroom.base.event.AuditEntry;
import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import io.chartroom.clusters.domain.LabelSelector;
import io.chartroom.security.domain.Role;
import io.chartroom.security.domain.UserIdentity;
import io.chartroom.security.service.CurrentUser;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The registered clusters: everyone sees them (never their credentials), ADMINs register, change, test and
 * remove them. Registering tests the connection and records the server's version (a cluster that does not
 * answer is registered anyway, with the error shown).
 */
@Service
public class ClusterService {

    /**
     * A cluster as an admin describes it. For KUBECONFIG: kubeconfig and context; TOKEN: apiUrl, token, caData (PEM);
     * EKS: region, eksClusterName and optionally roleArn. Blank secrets on a change keep the stored ones.
     */
    public record Draft(String name, String description, Map<String, String> labels, Cluster.Kind kind, String kubeconfig,
                        String context, String apiUrl, String token, String caData, String region, String eksClusterName,
                        String roleArn) {}

    /** A connection test: the server's version, or why it failed. */
    public record Check(boolean ok, String version, String error) {}

    /** What the audit log and the cluster pages say of a kubeconfig with insecure-skip-tls-verify. */
    static final String TLS_UNVERIFIED = "certificate not verified (insecure-skip-tls-verify)";
    static final Pattern NAME = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$");
    private static final Pattern LABEL_KEY = Pattern.compile("^([a-z0-9.-]{1,253}/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");
    private static final Pattern LABEL_VALUE = Pattern.compile("^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$");

    private final ClusterRepository clusters;
    private final ClusterConnections connections;
    private final CurrentUser currentUser;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    public ClusterService(ClusterRepository clusters, ClusterConnections connections, CurrentUser currentUser,
                          ApplicationEventPublisher events, Clock clock) {
        this.clusters = clusters;
        this.connections = connections;
        this.currentUser = currentUser;
        this.events = events;
        this.clock = clock;
    }

    public List<Cluster> list() {
        currentUser.require(Role.VIEWER);
        return clusters.findAll();
    }

    public Cluster get(String name) {
        currentUser.require(Role.VIEWER);
        return find(name);
    }

    /** The clusters whose labels the selector matches. */
    public List<Cluster> select(LabelSelector selector) {
        currentUser.require(Role.VIEWER);
        return selected(selector);
    }

    /** For the portal's own work (the reconciler), without a caller. */
    public List<Cluster> selected(LabelSelector selector) {
        return clusters.findAll().stream().filter(c -> selector.matches(c.labels())).toList();
    }

    /** The contexts of a kubeconfig being registered, the current one first. */
    public List<String> contexts(String kubeconfig) {
        currentUser.require(Role.ADMIN);
        return Kubeconfigs.contexts(kubeconfig);
    }

    @Audited(value = "cluster.registered", targetType = "cluster")
    public Cluster register(Draft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        validate(draft, true);
        if (draft.kind() == Cluster.Kind.SIMULATED) {
            throw InvalidInputException.of("kind", "simulated clusters come with the embedded default; register a real one");
        }
        ClusterRepository.Fields fields = fields(draft, true);
        try {
            clusters.insert(fields, admin.username(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw InvalidInputException.of("name", "a cluster named " + draft.name() + " already exists");
        }
        boolean unverified = skipsTlsVerify(draft);
        clusters.recordTls(draft.name(), unverified);
        AuditEntry.Builder audit = AuditEntry.of("cluster.registered", admin.username()).target("cluster", draft.name()).cluster(draft.name())
                .detail("kind", draft.kind().name()).detail("labels", new TreeMap<>(labels(draft)));
        events.publishEvent((unverified ? audit.detail("tls", TLS_UNVERIFIED) : audit).build());
        test(draft.name());
        return find(draft.name());
    }

    @Audited(value = "cluster.changed", targetType = "cluster")
    public Cluster update(String name, Draft draft) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        Cluster old = find(name);
        Draft named = new Draft(name, draft.description(), draft.labels(), old.kind(), draft.kubeconfig(), draft.context(), draft.apiUrl(),
                draft.token(), draft.caData(), draft.region(), draft.eksClusterName(), draft.roleArn());
        validate(named, false);
        boolean newSecrets = hasSecrets(named);
        clusters.update(name, fields(named, newSecrets), clock.instant());
        connections.forget(name);
        List<String> changed = new ArrayList<>();
        if (!old.labels().equals(labels(named))) {
            changed.add("labels: " + new TreeMap<>(old.labels()) + " -> " + new TreeMap<>(labels(named)));
        }
        if (newSecrets) {
            changed.add("credentials replaced");
            boolean unverified = skipsTlsVerify(named);
            clusters.recordTls(name, unverified);
            if (unverified) {
                changed.add("tls: " + TLS_UNVERIFIED);
            }
        }
        events.publishEvent(AuditEntry.of("cluster.changed", admin.username()).target("cluster", name).cluster(name)
                .detail("changes", changed).build());
        if (old.kind() != Cluster.Kind.SIMULATED) {
            test(name);
        }
        return find(name);
    }

    @Audited(value = "cluster.removed", targetType = "cluster")
    public void remove(String name) {
        UserIdentity admin = currentUser.require(Role.ADMIN);
        find(name);
        RemovalCheck.require(events, "cluster", name, "remove them from the cluster first (change its labels or the releases)");
        clusters.delete(name);
        connections.forget(name);
        events.publishEvent(AuditEntry.of("cluster.removed", admin.username()).target("cluster", name).cluster(name).build());
    }

    /** Connects and asks the server's version; records the outcome on the cluster. */
    public Check test(String name) {
        currentUser.require(Role.APPROVER);
        Cluster cluster = find(name);
        Check check;
        try {
            KubernetesClient client = connections.client(cluster);
            check = new Check(true, client.getKubernetesVersion().getGitVersion(), null);
        } catch (RuntimeException e) {
            check = new Check(false, null, message(e));
        }
        clusters.recordCheck(name, check.version(), check.error(), clock.instant());
        return check;
    }

    /** Why a connection failed, in one line, without credentials. */
    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String cause = root == e || root.getMessage() == null ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        return (text + cause).lines().findFirst().orElse(text);
    }

    private Cluster find(String name) {
        return clusters.findByName(name).orElseThrow(() -> new NotFoundException("cluster " + name + " does not exist"));
    }

    private ClusterRepository.Fields fields(Draft d, boolean withSecrets) {
        String encrypted = withSecrets ? connections.encrypt(new ClusterCredentials(blankToNull(d.kubeconfig()), blankToNull(d.token()),
                blankToNull(d.roleArn()))) : null;
        String apiUrl = switch (d.kind()) {
            case KUBECONFIG -> d.kubeconfig() == null || d.kubeconfig().isBlank() ? d.apiUrl() : Kubeconfigs.server(d.kubeconfig(), d.context());
            case EKS -> null;
            default -> d.apiUrl();
        };
        return new ClusterRepository.Fields(d.name(), d.description() == null ? "" : d.description().strip(), labels(d), null, d.kind(),
                apiUrl, blankToNull(d.context()), blankToNull(d.region()), blankToNull(d.eksClusterName()), blankToNull(d.caData()), encrypted);
    }

    private static boolean skipsTlsVerify(Draft d) {
        return d.kind() == Cluster.Kind.KUBECONFIG && !blank(d.kubeconfig()) && Kubeconfigs.skipsTlsVerify(d.kubeconfig(), d.context());
    }

    private static boolean hasSecrets(Draft d) {
        return !(blank(d.kubeconfig()) && blank(d.token()) && blank(d.roleArn()));
    }

    private static void validate(Draft d, boolean creating) {
        List<InvalidInputException.Problem> problems = new ArrayList<>();
        if (d.name() == null || !NAME.matcher(d.name()).matches()) {
            problems.add(new InvalidInputException.Problem("name", "lowercase letters, digits and dashes, 1-40 characters"));
        }
        if (d.kind() == null) {
            problems.add(new InvalidInputException.Problem("kind", "KUBECONFIG, TOKEN or EKS"));
        } else {
            switch (d.kind()) {
                case KUBECONFIG -> {
                    if (creating || !blank(d.kubeconfig())) {
                        try {
                            Kubeconfigs.check(d.kubeconfig(), d.context());
                        } catch (InvalidInputException e) {
                            problems.addAll(e.problems());
                        }
                    }
                }
                case TOKEN -> {
                    if (blank(d.apiUrl()) || !d.apiUrl().startsWith("https://")) {
                        problems.add(new InvalidInputException.Problem("apiUrl", "the API server's https:// URL"));
                    }
                    if (creating && blank(d.token())) {
                        problems.add(new InvalidInputException.Problem("token", "a bearer token (e.g. of a ServiceAccount)"));
                    }
                    if (!blank(d.caData()) && !d.caData().strip().startsWith("-----BEGIN CERTIFICATE-----")) {
                        problems.add(new InvalidInputException.Problem("caData", "the CA certificate as PEM"));
                    }
                }
                case EKS -> {
                    if (blank(d.region()) || !d.region().matches("[a-z]{2}(-[a-z]+)+-\\d")) {
                        problems.add(new InvalidInputException.Problem("region", "an AWS region such as eu-central-1"));
                    }
                    if (blank(d.eksClusterName())) {
                        problems.add(new InvalidInputException.Problem("eksClusterName", "the EKS cluster's name"));
                    }
                    if (!blank(d.roleArn()) && !d.roleArn().startsWith("arn:aws")) {
                        problems.add(new InvalidInputException.Problem("roleArn", "an IAM role ARN (arn:aws:iam::123456789012:role/name) or empty"));
                    }
                }
                case SIMULATED -> { }
            }
        }
        labels(d).forEach((key, value) -> {
            if (!LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
                problems.add(new InvalidInputException.Problem("labels", key + "=" + value + " is not a valid Kubernetes label"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    private static Map<String, String> labels(Draft d) {
        return d.labels() == null ? Map.of() : d.labels();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
