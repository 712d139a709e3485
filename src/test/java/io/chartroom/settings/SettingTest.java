package io.chartroom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.settings.domain.Setting;
import org.junit.jupiter.api.Test;

/** What a setting may hold: a flag true or false; the helmfile allowlist names, never one that may hold the portal's secrets. */
class SettingTest {

    @Test
    void flagsAreTrueOrFalseAndTheAllowlistHoldsOnlyHarmlessNames() {
        assertThat(Setting.RECONCILE_PAUSED.normalized(" true ")).isEqualTo("true");
        assertThatThrownBy(() -> Setting.RECONCILE_PAUSED.normalized("yes")).hasMessageContaining("true or false");
        assertThat(Setting.HELMFILE_ENV_ALLOWLIST.normalized(" REGION, TIER ,REGION,")).isEqualTo("REGION,TIER");
        assertThat(Setting.HELMFILE_ENV_ALLOWLIST.normalized("")).isEmpty();
        for (String secret : new String[] {"CHARTROOM_DB_PASSWORD", "CHARTROOM_OIDC_CLIENT_SECRET", "AWS_SECRET_ACCESS_KEY", "SPRING_DATASOURCE_URL",
                "GITHUB_TOKEN", "API_KEY", "KUBECONFIG", "db_password"}) {
            assertThatThrownBy(() -> Setting.HELMFILE_ENV_ALLOWLIST.normalized("REGION," + secret)).as(secret)
                    .hasMessageContaining("may hold the portal's configuration or a secret");
        }
        assertThatThrownBy(() -> Setting.HELMFILE_ENV_ALLOWLIST.normalized("a-b")).hasMessageContaining("not an environment variable name");
    }
}
