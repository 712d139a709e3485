package io.chartroom.base.yaml;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The schema to dump YAML that Helm and helmfile read: they parse YAML 1.1 (go-yaml), where {@code on}, {@code yes},
 * {@code y}, {@code off}, {@code ~}, {@code 0b101}, {@code 012} and {@code 1_000} are booleans, null or numbers, while
 * YAML 1.2 (what SnakeYAML Engine writes by) reads them as strings. Dumping with this schema quotes every string that
 * YAML 1.1 or 1.2 would read as something else, so that a value typed as the text "on" reaches the chart as "on".
 */
public final class HelmReadableSchema extends CoreSchema {

    private static final Pattern BOOL_1_1 = Pattern.compile("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$");
    private static final Pattern INT_1_1 = Pattern.compile(
            "^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    private static final Pattern FLOAT_1_1 = Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)?\\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$");
    private static final Pattern NULL_1_1 = Pattern.compile("^(?:~|null|Null|NULL|)$");

    /** After the patterns: the resolver reads them while it is built. */
    public static final HelmReadableSchema INSTANCE = new HelmReadableSchema();

    private final ScalarResolver resolver = new Yaml11AwareResolver();

    private HelmReadableSchema() {
    }

    @Override
    public ScalarResolver getScalarResolver() {
        return resolver;
    }

    private static final class Yaml11AwareResolver extends CoreScalarResolver {

        Yaml11AwareResolver() {
            super(false);
        }

        @Override
        protected void addImplicitResolvers() {
            super.addImplicitResolvers();
            addImplicitResolver(Tag.BOOL, BOOL_1_1, "yYnNoO");
            addImplicitResolver(Tag.INT, INT_1_1, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT_1_1, "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL_1_1, "~nN\0");
        }
    }
}
