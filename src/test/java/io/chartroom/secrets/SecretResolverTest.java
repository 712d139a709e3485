package io.chartroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.chartroom.base.aws.AwsClients;
import io.chartroom.base.aws.AwsSettings;
import io.chartroom.secrets.domain.SecretReference;
import io.chartroom.secrets.service.SecretResolver;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Secret references resolved from SSM Parameter Store (a local stub): values replaced, errors naming the reference only. */
class SecretResolverTest {

    HttpServer ssm;
    AwsClients clients;
    final AtomicReference<String> password = new AtomicReference<>("hunter2");
    final List<String> requests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void stub() throws Exception {
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        ssm = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ssm.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(ex.getRequestHeaders().getFirst("X-Amz-Target") + " " + body);
            boolean known = body.contains("\"/prod/db/password\"");
            String response = known
                    ? "{\"Parameter\":{\"Name\":\"/prod/db/password\",\"Type\":\"SecureString\",\"Value\":\"" + password.get() + "\",\"Version\":3}}"
                    : "{\"__type\":\"ParameterNotFound\",\"message\":\"not found\"}";
            byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            ex.sendResponseHeaders(known ? 200 : 400, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        ssm.start();
        clients = new AwsClients(new AwsSettings("eu-central-1", "http://127.0.0.1:" + ssm.getAddress().getPort()));
    }

    @AfterEach
    void stop() {
        clients.close();
        ssm.stop(0);
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void referencesAreReplacedByTheirDecryptedValues() {
        Map<String, Object> values = Map.of("database", Map.of("host", "db.internal", "password", "ref+awsssm://prod/db/password"),
                "list", List.of("ref+awsssm://prod/db/password?region=eu-central-1"));
        SecretResolver.Resolved resolved = new SecretResolver(clients, Clock.systemUTC()).resolve(values);
        assertThat(resolved.values()).isEqualTo(Map.of("database", Map.of("host", "db.internal", "password", "hunter2"),
                "list", List.of("hunter2")));
        assertThat(resolved.references()).containsExactlyInAnyOrder("ref+awsssm://prod/db/password",
                "ref+awsssm://prod/db/password?region=eu-central-1");
        assertThat(resolved.secrets()).containsExactly("hunter2");
        assertThat(requests).allSatisfy(r -> assertThat(r).startsWith("AmazonSSM.GetParameter").contains("\"WithDecryption\":true"));

        password.set("rotated");
        SecretResolver.Resolved again = new SecretResolver(clients, Clock.systemUTC()).resolve(values);
        assertThat(again.fingerprint()).as("a rotated secret changes what is applied").isNotEqualTo(resolved.fingerprint());
        assertThat(resolved.fingerprint()).doesNotContain("hunter2");
    }

    @Test
    void aMissingParameterOrABadReferenceSaysWhichWithoutAnyValue() {
        SecretResolver resolver = new SecretResolver(clients, Clock.systemUTC());
        assertThatThrownBy(() -> resolver.resolve(Map.of("token", "ref+awsssm://prod/missing")))
                .isInstanceOf(SecretResolver.UnresolvableSecretException.class)
                .hasMessage("the SSM parameter of ref+awsssm://prod/missing does not exist");
        assertThatThrownBy(() -> resolver.resolve(Map.of("token", "ref+awsssm://prod/x?version=2")))
                .hasMessageContaining("unknown option").hasMessageContaining("version=2");
        assertThat(SecretReference.parse("plain value")).isEmpty();
    }

    @Test
    void aReferenceOfAnotherSchemeIsRefusedRatherThanAppliedAsALiteral() {
        SecretResolver resolver = new SecretResolver(clients, Clock.systemUTC());
        assertThatThrownBy(() -> resolver.resolve(Map.of("db", List.of("ref+vault://secret/data/db#password"))))
                .isInstanceOf(SecretResolver.UnresolvableSecretException.class)
                .hasMessage("ref+vault:// references cannot be resolved: Chartroom resolves only ref+awsssm://path/to/parameter (AWS SSM Parameter Store)");
        assertThat(SecretReference.unsupportedScheme("ref+gcpsecrets://project/db")).contains("gcpsecrets");
        assertThat(SecretReference.unsupportedScheme("ref+awsssm://prod/db")).isEmpty();
        assertThat(SecretReference.unsupportedScheme("a ref+vault:// in a sentence")).isEmpty();
        assertThat(requests).as("nothing asked of SSM").isEmpty();
    }
}
