package io.chartroom.adoption.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.base.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The value's path as typed in the form: keys, list indexes, keys with dots in quotes. */
class ValueEditFormTest {

    @Test
    void pathsAreReadAsKeysAndIndexes() {
        assertThat(ValueEditForm.steps("autoscaling.maxReplicas")).isEqualTo(List.of("autoscaling", "maxReplicas"));
        assertThat(ValueEditForm.steps(" env[0].value ")).isEqualTo(List.of("env", 0, "value"));
        assertThat(ValueEditForm.steps("matrix[1][2]")).isEqualTo(List.of("matrix", 1, 2));
        assertThat(ValueEditForm.steps("podAnnotations.\"prometheus.io/scrape\"")).isEqualTo(List.of("podAnnotations", "prometheus.io/scrape"));
    }

    @Test
    void whatCannotBeReadSaysWhere() {
        assertThatThrownBy(() -> ValueEditForm.steps("env[x]")).isInstanceOf(InvalidInputException.class).hasMessageContaining("position 4");
        assertThatThrownBy(() -> ValueEditForm.steps("a.\"open")).isInstanceOf(InvalidInputException.class).hasMessageContaining("position 3");
        assertThatThrownBy(() -> ValueEditForm.steps("list[12345678901]")).isInstanceOf(InvalidInputException.class);
    }
}
