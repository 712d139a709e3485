@NullMarked
package io.chartroom.gitops.service;

import org.jspecify.annotations.NullMarked;
