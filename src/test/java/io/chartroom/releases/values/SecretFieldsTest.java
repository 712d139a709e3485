package io.chartroom.releases.values;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which fields of a chart hold secrets: by schema outright; by name only when the chart leaves them empty. */
class SecretFieldsTest {

    @ParameterizedTest(name = "{0} = ''{1}'' -> {2}")
    @CsvSource(nullValues = "null", value = {
            "password,      null,       true",
            "adminPassword, '',         true",
            "apiKey,        null,       true",
            "apiToken,      '',         true",
            "tokenTTL,      3600,       false", // a default that is not empty: a setting, not a secret
            "secretName,    '',         false", // names a Secret object
            "existingSecret, '',        false",
            "tokenRef,      null,       false",
            "password,      changeme,   false", // the chart ships a value: shown as it is, the schema may still say otherwise
            "replicaCount,  null,       false"})
    void byNameOnlyWhenTheDefaultIsEmpty(String key, String defaultValue, boolean secret) {
        assertThat(SecretFields.isSecretByName(key, defaultValue)).isEqualTo(secret);
    }

    @ParameterizedTest(name = "writeOnly={0} format={1} -> {2}")
    @CsvSource(nullValues = "null", value = {"true, null, true", "false, password, true", "false, uri, false", "false, null, false"})
    void bySchema(boolean writeOnly, String format, boolean secret) {
        assertThat(SecretFields.isSecretBySchema(writeOnly, format)).isEqualTo(secret);
    }
}
