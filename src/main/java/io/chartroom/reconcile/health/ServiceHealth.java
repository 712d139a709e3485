package io.chartroom.reconcile.health;

import io.fabric8.kubernetes.api.model.Service;

/** core/Service: a LoadBalancer is PROGRESSING until the cloud gives it an address; every other type is HEALTHY once it exists. */
final class ServiceHealth extends TypedHealthCheck<Service> {

    ServiceHealth() {
        super(Service.class);
    }

    @Override
    Health check(Service service) {
        if (service.getSpec() == null || !"LoadBalancer".equals(service.getSpec().getType())) {
            return Health.healthy();
        }
        boolean addressed = service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null && !service.getStatus().getLoadBalancer().getIngress().isEmpty();
        return addressed ? Health.healthy() : Health.progressing("waiting for the load balancer's address");
    }
}
