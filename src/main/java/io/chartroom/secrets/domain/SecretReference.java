package io.chartroom.secrets.domain;

import java.net.URI;
import java.util.Optional;

/**
 * A reference to a secret kept outside Git, written in values as {@code ref+awsssm://path/to/parameter}
 * (optionally {@code ?region=eu-west-1}): the SSM parameter {@code /path/to/parameter}.
 */
public record SecretReference(String parameter, String region) {

    public static final String PREFIX = "ref+awsssm://";

    /** The reference a value holds, if it is one; a malformed one is an error naming the value. */
    public static Optional<SecretReference> parse(Object value) {
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
