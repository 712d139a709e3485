package io.chartroom.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.clusters.domain.LabelSelector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    static final Map<String, String> PROD_EU = Map.of("env", "production", "region", "eu-west-1", "tier", "gold");

    @Test
    void equalitySetsAndExistence() {
        assertThat(LabelSelector.parse("env=production").matches(PROD_EU)).isTrue();
        assertThat(LabelSelector.parse("env==production, region!=us-east-1").matches(PROD_EU)).isTrue();
        assertThat(LabelSelector.parse("env in (staging, production),tier").matches(PROD_EU)).isTrue();
        assertThat(LabelSelector.parse("env notin (production)").matches(PROD_EU)).isFalse();
        assertThat(LabelSelector.parse("!canary").matches(PROD_EU)).isTrue();
        assertThat(LabelSelector.parse("env=dev").matches(PROD_EU)).isFalse();
        assertThat(LabelSelector.parse("example.com/team=web").matches(Map.of("example.com/team", "web"))).isTrue();
    }

    @Test
    void invalidSelectorsSayWhichRequirement() {
        assertThatThrownBy(() -> LabelSelector.parse("")).hasMessageContaining("would select every cluster");
        assertThatThrownBy(() -> LabelSelector.parse("env=dev, =x")).hasMessageContaining("\"=x\" is not a label requirement");
        assertThatThrownBy(() -> LabelSelector.parse("env in (a b)")).hasMessageContaining("is not a label value");
    }
}
