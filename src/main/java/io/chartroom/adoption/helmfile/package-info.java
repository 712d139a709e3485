/**
 * Reading a helmfile repository as helmfile does: its helmfiles, bases, environments and releases, each file templated
 * through Helm's own Go template engine (never one of our own), every problem named by file and line.
 */
@NullMarked
package io.chartroom.adoption.helmfile;

import org.jspecify.annotations.NullMarked;
