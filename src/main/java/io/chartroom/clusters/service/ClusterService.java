package io.chartroom.clusters.service;

import io.chartroom.clusters.domain.Cluster;
import io.chartroom.clusters.domain.ClusterRepository;
import io.chartroom.clusters.domain.LabelSelector;
import io.chartroom.security.domain.Role;
import io.chartroom.security.service.CurrentUser;
import java.util.List;
import org.springframework.stereotype.Service;

/** The registered clusters, and which of them a label selector picks. */
@Service
public class ClusterService {

    private final ClusterRepository clusters;
    private final CurrentUser currentUser;

    public ClusterService(ClusterRepository clusters, CurrentUser currentUser) {
        this.clusters = clusters;
        this.currentUser = currentUser;
    }

    public List<Cluster> list() {
        currentUser.require(Role.VIEWER);
        return clusters.findAll();
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
}
