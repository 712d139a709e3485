package io.chartroom.releases.values;

import java.util.List;

/** How a path in a values tree is written for people: image.tag, env[0].name. */
public final class ValuesPaths {

    private ValuesPaths() {}

    public static String text(List<Object> path) {
        if (path.isEmpty()) {
            return "(root)";
        }
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                sb.append('[').append(index).append(']');
            } else {
                String key = String.valueOf(step);
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"");
            }
        }
        return sb.toString();
    }
}
