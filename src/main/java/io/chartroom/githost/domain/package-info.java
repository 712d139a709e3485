/** Where change requests become pull/merge requests: the Git host (GitHub, GitLab, Gitea/Forgejo), its settings and its API. */
@NullMarked
package io.chartroom.githost.domain;

import org.jspecify.annotations.NullMarked;
