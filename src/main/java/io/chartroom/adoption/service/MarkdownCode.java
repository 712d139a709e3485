package io.chartroom.adoption.service;

/** Text from a cluster or a team's repository as Markdown inline code: no backtick, pipe or line break of its own can end it or a table. */
final class MarkdownCode {

    private MarkdownCode() {
    }

    static String of(String text) {
        String clean = text.replaceAll("[`|\\r\\n]", " ");
        return "`" + (clean.length() > 120 ? clean.substring(0, 120) + "…" : clean) + "`";
    }
}
