package io.chartroom.releases.service;

import io.chartroom.base.error.InvalidInputException;
import io.chartroom.releases.values.ValuesYaml;
import java.util.List;
import java.util.Map;

/**
 * What checking a draft found: problems that block submitting (errors) and worth knowing (warnings), each
 * with its layer ("release", "base" or an environment) and location (a field, a values path, or
 * "layer:line:column"); and per environment the effective values and where it deploys.
 */
public record DraftCheck(List<Problem> problems, Map<String, EnvironmentCheck> environments) {

    public enum Severity { ERROR, WARNING }

    public record Problem(String layer, String location, String message, Severity severity) {
        public static Problem error(String layer, String location, String message) {
            return new Problem(layer, location, message, Severity.ERROR);
        }

        public static Problem warning(String layer, String location, String message) {
            return new Problem(layer, location, message, Severity.WARNING);
        }

        @Override
        public String toString() {
            return layer + (location == null || location.isEmpty() ? "" : " " + location) + ": " + message;
        }
    }

    /**
     * @param effectiveValues the values the chart renders with in this environment (chart defaults included)
     * @param userValues      base and environment layers merged, as passed to Helm
     */
    public record EnvironmentCheck(String environment, Map<String, Object> effectiveValues, Map<String, Object> userValues,
                                   List<String> clusters, List<String> kubeVersions) {}

    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Severity.ERROR);
    }

    /** The first problem of each of the release's own fields (name, namespace, team, environments), by field. */
    public Map<String, String> identityProblems() {
        Map<String, String> byField = new java.util.LinkedHashMap<>();
        problems.stream().filter(p -> p.layer().equals("release")).forEach(p -> byField.putIfAbsent(p.location(), p.message()));
        return byField;
    }

    /** The problems of the values, by layer ("base", or an environment). */
    public Map<String, List<Problem>> valueProblemsByLayer() {
        Map<String, List<Problem>> byLayer = new java.util.LinkedHashMap<>();
        problems.stream().filter(p -> !p.layer().equals("release"))
                .forEach(p -> byLayer.computeIfAbsent(p.layer(), l -> new java.util.ArrayList<>()).add(p));
        return byLayer;
    }

    public List<Problem> errors() {
        return problems.stream().filter(p -> p.severity() == Severity.ERROR).toList();
    }

    public List<Problem> warnings() {
        return problems.stream().filter(p -> p.severity() == Severity.WARNING).toList();
    }

    /** A layer's YAML parsed; on a syntax error null, with the error (layer, line, column) added to {@code problems}. */
    static Map<String, Object> parseLayer(String layer, String text, List<Problem> problems) {
        try {
            return ValuesYaml.parse(text, layer);
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> problems.add(Problem.error(layer, p.location(), p.message())));
            return null;
        }
    }
}
