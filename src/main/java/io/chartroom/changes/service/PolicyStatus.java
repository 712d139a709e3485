package io.chartroom.changes.service;

import io.chartroom.changes.domain.ApprovalPolicy;
import java.util.List;

/**
 * Where a change request stands against the approval policies of the environments it changes: per
 * environment, whose approvals count and what is still missing.
 */
public record PolicyStatus(List<EnvironmentStatus> environments) {

    /**
     * @param counted the approvers whose approval counts here
     * @param missing what is still needed, in words; empty when met
     */
    public record EnvironmentStatus(String environment, ApprovalPolicy policy, List<String> counted, boolean adminApproved,
                                    boolean met, String missing) {}

    public boolean met() {
        return environments.stream().allMatch(EnvironmentStatus::met);
    }

    /** What is missing across environments, e.g. "production: 1 more approval from an APPROVER". */
    public List<String> missing() {
        return environments.stream().filter(e -> !e.met()).map(e -> e.environment() + ": " + e.missing()).toList();
    }
}
