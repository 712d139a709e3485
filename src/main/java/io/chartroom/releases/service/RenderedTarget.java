package io.chartroom.releases.service;

import java.util.List;

/** What one environment renders, for one Kubernetes version of its clusters, and what helm lint says of it. */
public record RenderedTarget(String environment, String kubeVersion, List<String> clusters, boolean ok, String error,
                             List<RenderedManifests.ManifestObject> objects, boolean lintOk, List<String> lintMessages,
                             long millis, boolean cached) {

    /** An environment that could not be rendered at all, and why. */
    static RenderedTarget failed(String environment, String error) {
        return new RenderedTarget(environment, null, List.of(), false, error, List.of(), false, List.of(), 0, false);
    }
}
