package io.chartroom.releases.form;

import java.math.BigDecimal;
import java.util.List;

/**
 * One field of a values form, as a chart's schema (or, without one, its values.yaml) describes it. Fields
 * know their key, not their path: a form walks the tree and builds paths as it goes. What a form cannot
 * represent is a {@link YamlOnly} field, edited in the YAML tab and never dropped.
 */
public sealed interface FormField {

    String key();

    String title();

    String description();

    boolean required();

    /** The label to show: the schema's title, else the key. */
    default String label() {
        return title() != null && !title().isBlank() ? title() : key();
    }

    enum ScalarType { STRING, INTEGER, NUMBER, BOOLEAN }

    /** A mapping with known keys; {@code additional}, if not null, describes the values of further keys. */
    record Group(String key, String title, String description, boolean required, List<FormField> properties,
                 FormField additional) implements FormField {}

    /** A single value: text, number or boolean, possibly one of {@code options}. */
    record Scalar(String key, String title, String description, boolean required, ScalarType type, Object defaultValue,
                  List<Object> options, BigDecimal minimum, BigDecimal maximum, boolean exclusiveMinimum,
                  boolean exclusiveMaximum, String pattern, String format, Integer minLength, Integer maxLength,
                  boolean secret, boolean nullable) implements FormField {}

    /** A list whose items all have the form {@code items}. */
    record ListOf(String key, String title, String description, boolean required, FormField items,
                  Integer minItems, Integer maxItems, Object defaultValue) implements FormField {}

    /** A mapping of free keys to values of the form {@code values}. */
    record MapOf(String key, String title, String description, boolean required, FormField values) implements FormField {}

    /** One of several shapes (oneOf / anyOf); the form offers the choice. */
    record Choice(String key, String title, String description, boolean required, List<FormField> alternatives) implements FormField {}

    /** Something the form cannot show; it stays editable in YAML. */
    record YamlOnly(String key, String title, String description, boolean required, String reason) implements FormField {}
}
