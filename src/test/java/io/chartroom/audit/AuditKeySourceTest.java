package io.chartroom.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chartroom.audit.domain.AuditChain;
import io.chartroom.base.settings.DataDirectory;
import io.chartroom.base.settings.InvalidSettingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Where the audit chain's key comes from: CHARTROOM_AUDIT_KEY (chartroom.audit.key) when set, and then no key file
 * is made; otherwise a key generated once into the data directory (owner-only) and read back by the next start. A
 * key that is not base64 of at least 32 bytes stops startup naming the setting.
 */
class AuditKeySourceTest {

    @TempDir Path dir;

    @Test
    void theEnvironmentVariableReachesTheChainAndNoKeyFileIsMade() throws Exception {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String key = Base64.getEncoder().encodeToString(raw);

        // the placeholder the chain's constructor declares, resolved against an environment holding only the variable
        String placeholder = AuditChain.class.getConstructor(String.class, DataDirectory.class).getParameters()[0]
                .getAnnotation(Value.class).value();
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("CHARTROOM_AUDIT_KEY", key)));
        String configured = environment.resolvePlaceholders(placeholder);
        assertThat(configured).isEqualTo(key);

        AuditChain chain = new AuditChain(configured, new DataDirectory(dir));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(raw, "HmacSHA256"));
        assertThat(chain.sign("checkpoint text")).isEqualTo(mac.doFinal("checkpoint text".getBytes(StandardCharsets.UTF_8)));
        assertThat(dir.resolve("audit.key")).doesNotExist();
    }

    @Test
    void withoutTheVariableAKeyIsGeneratedOnceIntoTheDataDirectory() throws Exception {
        AuditChain first = new AuditChain("", new DataDirectory(dir));
        Path file = dir.resolve("audit.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        byte[] raw = Base64.getDecoder().decode(Files.readString(file).strip());
        assertThat(raw).hasSize(32);
        assertThat(new AuditChain("", new DataDirectory(dir)).sign("text")).as("the next start reads the same key")
                .isEqualTo(first.sign("text"));
        assertThat(new AuditChain(Base64.getEncoder().encodeToString(new byte[32]), new DataDirectory(dir)).sign("text"))
                .as("a configured key wins over the file").isNotEqualTo(first.sign("text"));
    }

    @Test
    void aKeyThatIsNotBase64OfThirtyTwoBytesStopsStartupNamingTheSetting() {
        assertThatThrownBy(() -> new AuditChain("not base64!", new DataDirectory(dir)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("chartroom.audit.key (CHARTROOM_AUDIT_KEY): not valid base64");
        assertThatThrownBy(() -> new AuditChain(Base64.getEncoder().encodeToString(new byte[16]), new DataDirectory(dir)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("chartroom.audit.key (CHARTROOM_AUDIT_KEY): must be at least 32 bytes (base64 of 32 random bytes), not 16");
        assertThat(dir.resolve("audit.key")).doesNotExist();
    }
}
