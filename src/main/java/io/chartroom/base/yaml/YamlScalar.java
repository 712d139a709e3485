package io.chartroom.base.yaml;

import io.chartroom.base.error.InvalidInputException;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;

/**
 * One scalar of a file Chartroom writes, quoted by the YAML library (SnakeYAML Engine's emitter): plain where
 * YAML reads it back as the same string, double-quoted otherwise, never folded onto a second line. Text that
 * helmfile would evaluate as a template ({{ or }}) is refused outright: quoting does not stop helmfile's
 * template pass over a .gotmpl file.
 */
public final class YamlScalar {

    private static final Dump PLAIN = new Dump(DumpSettings.builder().setSchema(HelmReadableSchema.INSTANCE)
            .setDefaultScalarStyle(ScalarStyle.PLAIN)
            .setWidth(Integer.MAX_VALUE).setSplitLines(false).build());
    private static final Dump QUOTED = new Dump(DumpSettings.builder().setDefaultScalarStyle(ScalarStyle.DOUBLE_QUOTED)
            .setWidth(Integer.MAX_VALUE).setSplitLines(false).build());
    private static final Pattern ONE_PLAIN_LINE = Pattern.compile("^[^\\s'\"|>!&*#{}\\[\\],%@`?:-][^\\n#]*$");

    private YamlScalar() {}

    /** The scalar as it goes after "key: " on one line; {@code field} names it in the refusal. */
    public static String of(String field, String value) {
        String text = notATemplate(field, value);
        String plain = PLAIN.dumpToString(text).stripTrailing();
        if (plain.equals(text) && ONE_PLAIN_LINE.matcher(text).matches()) {
            return plain;
        }
        return quoted(field, text);
    }

    /** The scalar double-quoted on one line, whatever it is (a file that quotes it keeps it quoted). */
    public static String quoted(String field, String value) {
        String quoted = QUOTED.dumpToString(notATemplate(field, value)).stripTrailing();
        if (quoted.contains("\n")) {
            throw new IllegalStateException("the YAML library wrote " + field + " on more than one line");
        }
        return quoted;
    }

    private static String notATemplate(String field, String value) {
        String text = value == null ? "" : value;
        if (text.contains("{{") || text.contains("}}")) {
            throw InvalidInputException.of(field, "must not contain {{ or }} (helmfile would run it as a template): "
                    + printable(text));
        }
        return text;
    }

    /** A value for an error message: control characters visible, at most 80 characters. */
    public static String printable(String text) {
        String escaped = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return escaped.length() > 80 ? escaped.substring(0, 80) + "…" : escaped;
    }
}
