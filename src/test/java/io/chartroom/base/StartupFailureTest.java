package io.chartroom.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.ChartroomApplication;
import io.chartroom.base.settings.InvalidSettingException;
import io.chartroom.fixtures.TestSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Bad configuration stops startup with one message that names the setting, not a wall of stack traces. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

    @Test
    void anUnreachableDatabaseNamesTheDatabaseSetting(CapturedOutput output) {
        assertFailsOn("chartroom.db.url (CHARTROOM_DB_URL)", output, "chartroom.db.url=jdbc:postgresql://127.0.0.1:1/chartroom");
        assertThat(output.getOut() + output.getErr()).contains("cannot connect to jdbc:postgresql://127.0.0.1:1/chartroom");
    }

    @Test
    void anIssuerThatDoesNotAnswerNamesTheIssuerSetting(CapturedOutput output) {
        assertFailsOn("chartroom.security.oidc.issuer-uri (CHARTROOM_OIDC_ISSUER_URI)", output,
                "chartroom.security.oidc.issuer-uri=http://127.0.0.1:1/realms/corp",
                "chartroom.security.oidc.client-id=chartroom");
    }

    @Test
    void aGroupMappingWithAnUnknownRoleNamesTheEntry(CapturedOutput output) {
        assertFailsOn("chartroom.security.group-mappings[1].roles[0]", output,
                "chartroom.security.group-mappings[0].group=ok", "chartroom.security.group-mappings[0].roles=VIEWER",
                "chartroom.security.group-mappings[1].group=admins", "chartroom.security.group-mappings[1].roles=SUPERUSER");
        assertThat(output.getOut() + output.getErr()).contains("unknown role 'SUPERUSER'");
    }

    private static void assertFailsOn(String setting, CapturedOutput output, String... properties) {
        List<String> all = new ArrayList<>(List.of(TestSettings.POSTGRES_DIRECTORY, TestSettings.POSTGRES_CLEAN,
                TestSettings.DATABASE, TestSettings.DATA_DIR, "server.port=0"));
        all.addAll(List.of(properties));
        // command-line arguments, so that they win over application.yaml as real settings would
        String[] args = all.stream().map(p -> "--" + p).toArray(String[]::new);
        assertThatThrownBy(() -> new SpringApplicationBuilder(ChartroomApplication.class).run(args))
                .satisfies(e -> assertThat(settingOf(e)).isEqualTo(setting));
        String printed = output.getOut() + output.getErr();
        assertThat(printed).contains("Chartroom cannot start: the setting '" + setting + "' is not usable");
        assertThat(printed).as("no stack trace is printed").doesNotContain("\tat org.springframework");
    }

    private static String settingOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidSettingException invalid) {
                return invalid.setting();
            }
        }
        return null;
    }
}
