package io.chartroom.catalog.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Credentials follow a redirect only to the very origin they are for: scheme, host and port. */
class RepositoryHttpClientTest {

    @Test
    void credentialsGoOnlyToTheSameSchemeHostAndPort() {
        URI repository = URI.create("https://charts.example.com/stable/");
        assertThat(RepositoryHttpClient.sameOrigin(repository, URI.create("https://charts.example.com/stable/index.yaml"))).isTrue();
        assertThat(RepositoryHttpClient.sameOrigin(repository, URI.create("https://CHARTS.example.com:443/other.tgz"))).isTrue();
        assertThat(RepositoryHttpClient.sameOrigin(repository, URI.create("http://charts.example.com/stable/index.yaml")))
                .as("https -> http never carries credentials").isFalse();
        assertThat(RepositoryHttpClient.sameOrigin(repository, URI.create("https://charts.example.com:8443/index.yaml")))
                .as("another port is another service").isFalse();
        assertThat(RepositoryHttpClient.sameOrigin(repository, URI.create("https://cdn.example.net/index.yaml"))).isFalse();
        assertThat(RepositoryHttpClient.sameOrigin(URI.create("http://127.0.0.1:8080/charts/"), URI.create("http://127.0.0.1:9090/charts/")))
                .isFalse();
    }
}
