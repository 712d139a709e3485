package io.chartroom.render.service;

import io.chartroom.base.error.InvalidInputException;
import java.util.List;

/**
 * A rendered manifest Chartroom cannot read as Kubernetes objects, e.g. a document nested deeper than the YAML
 * limit (a chart printing a value unquoted); the problem names the template it came from and the line. The same
 * chart and values fail the same way every time.
 */
public class UnreadableManifestException extends InvalidInputException {

    UnreadableManifestException(List<Problem> problems) {
        super(problems);
    }
}
