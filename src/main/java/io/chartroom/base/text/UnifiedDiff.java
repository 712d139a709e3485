package io.chartroom.base.text;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Unified diffs of two texts (java-diff-utils), for the API and commit-style views. */
public final class UnifiedDiff {

    private UnifiedDiff() {}

    /** The unified diff with 3 lines of context; "" when the texts are equal. {@code before}/{@code after} may be null. */
    public static String of(String name, @Nullable String before, @Nullable String after) {
        return of(name, before, after, 3);
    }

    /** The same with {@code context} lines around each change (0: only what changed). */
    public static String of(String name, @Nullable String before, @Nullable String after, int context) {
        List<String> original = lines(before);
        List<String> revised = lines(after);
        if (original.equals(revised)) {
            return "";
        }
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff(before == null ? "/dev/null" : "a/" + name,
                after == null ? "/dev/null" : "b/" + name, original, DiffUtils.diff(original, revised), context);
        return String.join("\n", diff) + "\n";
    }

    private static List<String> lines(@Nullable String text) {
        return text == null || text.isEmpty() ? List.of() : text.lines().toList();
    }
}
