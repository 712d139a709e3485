package io.chartroom.catalog.domain;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What a chart's name and version may be, as Helm's own charts are named: letters, digits, dots, dashes and
 * underscores, starting with a letter or digit (Helm recommends lowercase and dashes; dots and underscores
 * occur in public repositories); versions are semantic versions. Anything else (a newline, a space, a
 * template delimiter, a slash) is refused where it enters the catalog, because names end up in the GitOps
 * repository's files.
 */
public final class ChartName {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");
    private static final Pattern VERSION = Pattern.compile("^[vV]?[0-9][0-9A-Za-z.+-]{0,63}$");

    private ChartName() {}

    public static boolean valid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Why a name from an index cannot be used, or null when it can. */
    public static @Nullable String problem(@Nullable String name) {
        return valid(name) ? null : "chart name '" + printable(name) + "' is not a valid Helm chart name (letters, digits, "
                + "'.', '-' and '_', starting with a letter or digit, at most 100 characters)";
    }

    /** Why a version string cannot be used, or null when it can. */
    public static @Nullable String versionProblem(@Nullable String version) {
        return version != null && VERSION.matcher(version).matches() ? null
                : "version '" + printable(version) + "' is not a semantic version";
    }

    /** A name for a message: control characters visible, at most 80 characters. */
    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> sb.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c)));
        return text.codePointCount(0, text.length()) > 80 ? sb + "…" : sb.toString();
    }
}
