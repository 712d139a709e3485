package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;

/**
 * networking.k8s.io/Ingress and the older extensions/Ingress: PROGRESSING until the ingress controller publishes an
 * address. Both are read with the networking/v1 model: the status has the same shape in every version, and the
 * older spec's fields it does not know are kept aside by the model rather than refused.
 */
final class IngressHealth extends TypedHealthCheck<Ingress> {

    IngressHealth() {
        super(Ingress.class);
    }

    @Override
    Health check(Ingress ingress) {
        IngressStatus status = ingress.getStatus();
        boolean addressed = status != null && status.getLoadBalancer() != null && status.getLoadBalancer().getIngress() != null
                && !status.getLoadBalancer().getIngress().isEmpty();
        return addressed ? Health.healthy() : Health.progressing("waiting for an address from the ingress controller");
    }
}
