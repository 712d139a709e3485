package io.chartroom.base;

import static org.assertj.core.api.Assertions.assertThat;

import io.chartroom.ChartroomApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The embedded default keeps its data under the data directory across a full stop and start. */
class DataSurvivesRestartTest {

    @TempDir Path dataDir;

    @Test
    void theEmbeddedDatabaseKeepsItsDataAcrossARestart() {
        try (ConfigurableApplicationContext first = start()) {
            first.getBean(JdbcClient.class).sql("""
                    insert into app_user (username, display_name, roles, teams, source, first_seen_at)
                    values ('persisted', 'Persisted User', '{VIEWER}', '{}', 'DEV', now())""").update();
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        try (ConfigurableApplicationContext second = start()) {
            assertThat(second.getBean(JdbcClient.class).sql("select display_name from app_user where username = 'persisted'")
                    .query(String.class).single()).isEqualTo("Persisted User");
        }
        assertThat(Files.isDirectory(dataDir)).isTrue();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(ChartroomApplication.class)
                .run("--server.port=0", "--chartroom.data-dir=" + dataDir);
    }
}
