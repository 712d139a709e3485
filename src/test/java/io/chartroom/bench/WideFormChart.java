package io.chartroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The generated chart of the UI benchmark: a values schema as wide as a large chart's, sections of fields of every kind. */
final class WideFormChart {

    private WideFormChart() {
    }

    /** A chart whose schema has {@code groups} sections of {@code fieldsPerGroup} fields (text, numbers, enums, toggles), descriptions as charts write them. */
    static Path write(int groups, int fieldsPerGroup) throws IOException {
        Path dir = Path.of("target", "bench", "wide-form");
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: wide-form\nversion: 1.0.0\nappVersion: \"1.0\"\n");
        Files.writeString(dir.resolve("templates/configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"
                + "data:\n  values: {{ .Values | toJson | quote }}\n");
        StringBuilder schema = new StringBuilder("{\"$schema\": \"http://json-schema.org/draft-07/schema#\", \"type\": \"object\", \"properties\": {\n");
        StringBuilder values = new StringBuilder();
        for (int g = 0; g < groups; g++) {
            schema.append(g == 0 ? "" : ",\n").append("\"g").append(g).append("\": {\"type\": \"object\", \"title\": \"Section ").append(g)
                    .append("\", \"description\": \"Settings of part ").append(g).append(" of the application, as a large chart groups them.\", \"properties\": {\n");
            values.append("g").append(g).append(":\n");
            for (int f = 0; f < fieldsPerGroup; f++) {
                String description = "Field " + f + " of section " + g + ": what it does, when to change it, and what the default means "
                        + "for a cluster under load. See the chart's documentation for `g" + g + ".f" + f + "` and the upgrade notes. Values "
                        + "outside the range are refused by the schema before a change request is opened.";
                String type = switch (f % 4) {
                    case 0 -> "\"type\": \"string\", \"maxLength\": 200, \"default\": \"value-" + f + "\"";
                    case 1 -> "\"type\": \"integer\", \"minimum\": 0, \"maximum\": 10000, \"default\": " + f;
                    case 2 -> "\"type\": \"string\", \"enum\": [\"low\", \"medium\", \"high\", \"extreme\"], \"default\": \"medium\"";
                    default -> "\"type\": \"boolean\", \"default\": false";
                };
                schema.append(f == 0 ? "" : ",\n").append("  \"f").append(f).append("\": {").append(type).append(", \"title\": \"Field ")
                        .append(g).append(".").append(f).append("\", \"description\": \"").append(description).append("\"}");
                values.append("  f").append(f).append(": ").append(switch (f % 4) {
                    case 0 -> "value-" + f;
                    case 1 -> String.valueOf(f);
                    case 2 -> "medium";
                    default -> "false";
                }).append("\n");
            }
            schema.append("}}");
        }
        schema.append("}}\n");
        Files.writeString(dir.resolve("values.schema.json"), schema.toString());
        Files.writeString(dir.resolve("values.yaml"), values.toString());
        return dir;
    }
}
