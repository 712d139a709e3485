package io.chartroom.secrets.domain;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reference to a secret kept outside Git, written in values as {@code ref+awsssm://path/to/parameter}
 * (optionally {@code ?region=eu-west-1}): the SSM parameter {@code /path/to/parameter}.
 */
public record SecretReference(String parameter, String region) {

    public static final String PREFIX = "ref+awsssm://";
    /** How vals-style references start ({@code ref+vault://}, {@code ref+gcpsecrets://}, ...): Chartroom resolves only SSM's. */
    private static final Pattern ANY_SCHEME = Pattern.compile("^ref\\+([a-z0-9]+)://");

    /**
     * The scheme of a reference Chartroom cannot resolve ({@code vault} for {@code ref+vault://...}), if the value is
     * one: applied as it is, it would reach the cluster as a literal.
     */
    public static Optional<String> unsupportedScheme(Object value) {
        if (!(value instanceof String text) || text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Matcher m = ANY_SCHEME.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The reference a value holds, if it is one; a malformed one, or one of a scheme Chartroom does not resolve, is
     * an error naming the value.
     */
    public static Optional<SecretReference> parse(Object value) {
        Optional<String> other = unsupportedScheme(value);
        if (other.isPresent()) {
            throw new IllegalArgumentException("ref+" + other.get() + ":// references cannot be resolved: Chartroom resolves only "
                    + PREFIX + "path/to/parameter (AWS SSM Parameter Store)");
        }
        if (!(value instanceof String text) || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = text.substring(PREFIX.length());
        URI uri;
        try {
            uri = URI.create("ssm:///" + rest);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid secret reference: " + text);
        }
        String path = uri.getPath();
        if (path == null || path.length() < 2 || path.contains("//") || uri.getFragment() != null) {
            throw new IllegalArgumentException("not a valid secret reference: " + text + " (expected ref+awsssm://path/to/parameter)");
        }
        String region = null;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.startsWith("region=")) {
                    region = pair.substring("region=".length());
                } else {
                    throw new IllegalArgumentException("unknown option in secret reference " + text + ": " + pair);
                }
            }
        }
        return Optional.of(new SecretReference(path, region));
    }

    @Override
    public String toString() {
        return PREFIX + parameter.substring(1) + (region == null ? "" : "?region=" + region);
    }
}
