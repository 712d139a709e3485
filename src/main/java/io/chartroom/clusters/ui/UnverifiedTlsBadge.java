package io.chartroom.clusters.ui;

import com.vaadin.flow.component.shared.Tooltip;
import io.chartroom.base.ui.Badge;

/**
 * The warning on a cluster whose kubeconfig says {@code insecure-skip-tls-verify: true}: the portal holds this
 * cluster's credentials and sends them to whoever answers at its address.
 */
public class UnverifiedTlsBadge extends Badge {

    public UnverifiedTlsBadge() {
        super("TLS not verified", Tone.ERROR);
        addClassName("tls-unverified");
        Tooltip.forComponent(this).setText("The kubeconfig sets insecure-skip-tls-verify: the API server's certificate is not checked, so "
                + "anyone on the network path can pose as this cluster and receive its credentials. Give the cluster's CA "
                + "(certificate-authority-data) instead.");
    }
}
