package io.chartroom.adoption.helmfile;

/**
 * Where in a helmfile something was read: the file and the part of it (its first line and its text before
 * templating). Templating loses positions, so a problem is placed at the first line of the part that names the thing
 * it is about (a release's name, a values file's name), else at the part's first line.
 */
record Where(String file, int firstLine, String text) {

    int line(String needle) {
        if (!needle.isBlank()) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains(needle)) {
                    return firstLine + i;
                }
            }
        }
        return firstLine;
    }
}
