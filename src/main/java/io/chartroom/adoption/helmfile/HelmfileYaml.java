package io.chartroom.adoption.helmfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * YAML as helmfile files use it: several documents, anchors and {@code <<:} merge keys (templates of releases), with
 * the limits a file from someone else's repository gets: at most 20 aliases of collections (nested aliases multiply:
 * 20 keep an "alias bomb" to at most 2^10 copies), a size limit. A syntax error says at which line.
 */
final class HelmfileYaml {

    /** Thrown with the line (1-based) of the text the YAML broke at. */
    static final class Broken extends RuntimeException {
        final int line;

        Broken(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private static final class MergingSchema extends CoreSchema {
        private final ScalarResolver resolver = new CoreScalarResolver(true);

        @Override
        public ScalarResolver getScalarResolver() {
            return resolver;
        }
    }

    /** Also what {@link InPlaceYamlEdit} composes a values file with: the same merge keys and limits. */
    static final LoadSettings SETTINGS = LoadSettings.builder().setSchema(new MergingSchema()).setMaxAliasesForCollections(20)
            .setCodePointLimit(RepositoryFiles.MAX_FILE * 2).setAllowDuplicateKeys(false).build();

    private HelmfileYaml() {
    }

    /** The documents of the text that are mappings, in order (empty documents skipped). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try {
            for (Object document : new Load(SETTINGS).loadAllFromString(text)) {
                if (document instanceof Map<?, ?> map) {
                    documents.add((Map<String, Object>) map);
                } else if (document != null) {
                    throw new Broken(1, "a helmfile document is a mapping of keys (bases, environments, releases, ...), not a "
                            + (document instanceof List ? "list" : "single value"));
                }
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(1);
            throw new Broken(line, e.getProblem());
        } catch (YamlEngineException e) {
            throw new Broken(1, e.getMessage());
        }
        return documents;
    }
}
