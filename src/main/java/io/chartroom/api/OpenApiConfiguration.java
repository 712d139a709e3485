package io.chartroom.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at /v3/api-docs. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI chartroomOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Chartroom API").version("v1")
                        .description("Helm releases on many Kubernetes clusters through Git and reviewed change requests. "
                                + "Authenticate with a personal access token or an OIDC access token as a bearer token."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("Development login only")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
