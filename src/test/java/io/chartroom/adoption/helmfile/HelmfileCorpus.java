package io.chartroom.adoption.helmfile;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The helmfile repositories of src/test/resources/helmfile, read with Helm's engine in process (as the render workers run it). */
final class HelmfileCorpus {

    private HelmfileCorpus() {
    }

    static HelmfileRead read(String corpus, Path work) {
        return read(files(corpus), work);
    }

    /** The files as given (a corpus with some of its files changed). */
    static HelmfileRead read(Map<String, String> files, Path work) {
        return new HelmfileReader(new RepositoryFiles(files), templates(work)).read();
    }

    /** A corpus's files by path. */
    static Map<String, String> files(String corpus) {
        Path root = Path.of("src/test/resources/helmfile", corpus);
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(root.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static ChartWrappedTemplates templates(Path work) {
        return templates(work, java.util.Set.of(), Map.of());
    }

    /** With the names {@code env} may read and the values of those that are set. */
    static ChartWrappedTemplates templates(Path work, java.util.Set<String> allowlist, Map<String, String> environment) {
        return new ChartWrappedTemplates(work, (chart, key, values) -> {
            try {
                Path file = Files.createTempFile(work, "values", ".yaml");
                Files.writeString(file, values);
                return new ChartWrappedTemplates.Renderer.Result(new Helm(chart).template().withName("helmfile").withValuesFile(file).call(), null);
            } catch (IllegalStateException e) {
                return new ChartWrappedTemplates.Renderer.Result(null, e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, allowlist, environment);
    }
}
