@NullMarked
package io.chartroom.gitops.http;

import org.jspecify.annotations.NullMarked;
