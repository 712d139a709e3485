package io.chartroom.clusters.service;

/**
 * The secret part of how Chartroom reaches a cluster, stored encrypted as one JSON document: a kubeconfig, a
 * bearer token, or the AWS role to assume for an EKS cluster. Never returned by any service.
 */
record ClusterCredentials(String kubeconfig, String token, String roleArn) {

    static ClusterCredentials none() {
        return new ClusterCredentials(null, null, null);
    }
}
