package io.chartroom.catalog.web;

import io.chartroom.catalog.service.SampleRepository;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Serves the bundled sample repository like any Helm repository: index.yaml and chart archives. */
@RestController
class SampleRepositoryEndpoint {

    private final SampleRepository samples;

    SampleRepositoryEndpoint(SampleRepository samples) {
        this.samples = samples;
    }

    @GetMapping("/samples/charts/index.yaml")
    ResponseEntity<String> index(@RequestHeader(value = "If-None-Match", required = false) String ifNoneMatch) {
        SampleRepository.Packaged repo = samples.packaged();
        String etag = "\"" + repo.indexDigest() + "\"";
        if (etag.equals(ifNoneMatch)) {
            return ResponseEntity.status(304).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).contentType(MediaType.parseMediaType("application/yaml")).body(repo.indexYaml());
    }

    @GetMapping("/samples/charts/{file:.+\\.tgz}")
    ResponseEntity<byte[]> archive(@PathVariable String file) {
        return samples.archive(file)
                .map(bytes -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/gzip")).body(bytes))
                .orElse(ResponseEntity.notFound().build());
    }
}
