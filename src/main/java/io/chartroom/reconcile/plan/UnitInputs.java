package io.chartroom.reconcile.plan;

import io.chartroom.releases.service.ReleaseRenderer;
import io.chartroom.render.service.RenderService;
import io.chartroom.secrets.service.SecretResolver;
import org.springframework.stereotype.Component;

/**
 * What a unit applies: its release's values merged for its environment with secrets resolved, and the fingerprint
 * of all its inputs (the release's files, its environment, the Kubernetes version, the secrets), which says whether
 * anything changed since the last apply; and the chart rendered with them, through the one release renderer.
 */
@Component
public class UnitInputs {

    /** Bump when what is applied for the same inputs changes (labels, defaults), so that everything is applied again. */
    private static final String FORMAT = "1";

    /** The merged values with secrets resolved, and the fingerprint of the unit's inputs. */
    public record Inputs(SecretResolver.Resolved values, String fingerprint) {}

    private final ReleaseRenderer renderer;
    private final SecretResolver secrets;

    UnitInputs(ReleaseRenderer renderer, SecretResolver secrets) {
        this.renderer = renderer;
        this.secrets = secrets;
    }

    public Inputs inputs(DesiredUnits.Unit unit) {
        SecretResolver.Resolved resolved = secrets.resolve(renderer.mergedValues(unit.release(), unit.key().environment()));
        String fingerprint = Sha256.of(FORMAT, unit.releaseTree(), unit.key().environment(), kubeVersion(unit), resolved.fingerprint());
        return new Inputs(resolved, fingerprint);
    }

    /** The unit's chart rendered with its values; {@code stubbed}: secret-generating lookups see the stub. */
    public RenderService.Outcome render(DesiredUnits.Unit unit, Inputs inputs, boolean stubbed) {
        return renderer.renderManifest(unit.release(), unit.key().environment(), kubeVersion(unit), inputs.values().values(), stubbed);
    }

    /** The cluster's own version, else the environment's. */
    static String kubeVersion(DesiredUnits.Unit unit) {
        return unit.environment().kubeVersionOn(unit.cluster());
    }
}
