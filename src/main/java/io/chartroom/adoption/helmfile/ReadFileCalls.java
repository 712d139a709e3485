package io.chartroom.adoption.helmfile;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * helmfile's {@code readFile "path"} inside the repository, for Helm's engine: the path resolved from the helmfile's
 * directory (leaving the repository refused), the file put into the throwaway chart under {@code repo/}, and the
 * call rewritten to Helm's {@code $.Files.Get}. A computed path is refused: what is read must be known before the
 * template runs, so that nothing outside the repository can be named.
 */
final class ReadFileCalls {

    static final String DIRECTORY = "repo/";
    private static final Pattern LITERAL = Pattern.compile("\\breadFile\\s+\"([^\"\\\\{}]+)\"");
    private static final Pattern ANY = Pattern.compile("\\breadFile\\b");

    private ReadFileCalls() {
    }

    /** The text with each call rewritten; {@code included} gets each file read, by repository path. */
    static String rewrite(String text, String from, RepositoryFiles files, Map<String, String> included) {
        String out = TemplateActions.rewrite(text, LITERAL, (call, line) -> {
            String named = call.group(1);
            String path = RepositoryFiles.resolve(from, named)
                    .orElseThrow(() -> new GoTemplates.Failure(line, "readFile " + named + " leaves the repository"));
            String content = files.read(path).orElseThrow(() -> new GoTemplates.Failure(line, "readFile: " + files.absence(path)));
            included.put(path, content);
            return "$.Files.Get \"" + DIRECTORY + path + "\"";
        });
        int left = TemplateActions.firstLine(out, ANY);
        if (left > 0) {
            throw new GoTemplates.Failure(left, "readFile with a computed path is not supported: name the file as a quoted string");
        }
        return out;
    }
}
