package io.chartroom.gitops.domain;

import java.util.List;
import java.util.Map;

/**
 * A commit's YAML, JSON and template files as text, for reading someone else's repository: {@code files} by path;
 * symbolic links, and files over the size limit or past the repository's total limits, are named apart and not read
 * (a link could point anywhere, a huge file is no configuration).
 */
public record RepositoryTexts(Map<String, String> files, List<String> symlinks, List<String> tooLarge) {
}
