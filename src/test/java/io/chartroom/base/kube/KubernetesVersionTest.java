package io.chartroom.base.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubernetesVersionTest {

    @Test
    void writtenOrAnsweredVersionsReadAsOne() {
        assertThat(KubernetesVersion.parse("1.31")).hasToString("v1.31");
        assertThat(KubernetesVersion.parse(" v1.31.2 ")).hasToString("v1.31.2");
        assertThat(KubernetesVersion.parse("v1.31.4-eks-2a7f")).isEqualTo(new KubernetesVersion(1, 31, 4));
        assertThat(KubernetesVersion.isWritten("1.31")).isTrue();
        assertThat(KubernetesVersion.isWritten("v1.31.4-eks-2a7f")).as("environments write plain versions").isFalse();
        assertThat(KubernetesVersion.isWritten("one.thirty")).isFalse();
        assertThatThrownBy(() -> KubernetesVersion.parse("latest")).hasMessage("'latest' is not a Kubernetes version such as 1.31 or v1.31.2");
    }

    @Test
    void aClusterIsRenderedForItsOwnVersionElseItsEnvironments() {
        assertThat(KubernetesVersion.forCluster("v1.29.3", "v1.31.2")).isEqualTo("v1.29.3");
        assertThat(KubernetesVersion.forCluster(null, "v1.31.2")).as("not reached yet").isEqualTo("v1.31.2");
        assertThat(KubernetesVersion.forCluster(" ", "v1.31.2")).isEqualTo("v1.31.2");
    }

    @Test
    void chartKubeVersionConstraintsReadAsHelmReadsThem() {
        KubernetesVersion eks = KubernetesVersion.parse("v1.31.4-eks-2a7f");
        assertThat(eks.meets(">=1.21.0-0")).isTrue();
        assertThat(eks.meets(">= 1.19, < 1.30")).as("Masterminds' comma is an and").isFalse();
        assertThat(eks.meets("^1.20 || ~1.31")).isTrue();
        assertThat(KubernetesVersion.parse("1.31").meets(">=1.40.0-0")).isFalse();
        assertThatThrownBy(() -> eks.meets("newest please")).hasMessageContaining("is not a version constraint");
    }
}
