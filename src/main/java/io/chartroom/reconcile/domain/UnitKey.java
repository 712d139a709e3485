package io.chartroom.reconcile.domain;

/** A unit of reconciliation: one release in one environment on one cluster. */
public record UnitKey(String release, String environment, String cluster) {

    @Override
    public String toString() {
        return release + "/" + environment + "@" + cluster;
    }
}
