package io.chartroom.gitops.service;

import io.chartroom.gitops.domain.RepositoryTexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jspecify.annotations.Nullable;

/**
 * Another repository's branch fetched to be read, never this portal's: one commit deep into a scratch directory the
 * caller gives (and deletes), without following redirects (a redirect could lead past the caller's network check),
 * cancelled past a size. The caller checks the URL's address first.
 */
public final class ForeignFetch {

    /** The commit fetched and every file at it as text. */
    public record Fetched(String commit, RepositoryTexts texts) {}

    /** Why a fetch failed, in words for the user (not found, refused, too large). */
    public static final class FetchFailed extends RuntimeException {
        public FetchFailed(String message) {
            super(message);
        }
    }

    private ForeignFetch() {
    }

    /** {@code branch} null: the repository's default branch. */
    public static Fetched fetch(URI uri, @Nullable String branch, @Nullable String username, @Nullable String password, Path directory,
                                long maxBytes, int timeoutSeconds, int maxFileBytes) {
        String ref = branch == null ? "HEAD" : "refs/heads/" + branch;
        SizeCap cap = new SizeCap(directory, maxBytes, System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(4L * timeoutSeconds));
        try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("http", null, "followRedirects", "false");
            config.save();
            var fetch = git.fetch().setRemote(uri.toString()).setRefSpecs(new RefSpec(ref + ":refs/heads/imported")).setDepth(1)
                    .setTimeout(timeoutSeconds).setProgressMonitor(cap);
            if (username != null) {
                fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, password == null ? "" : password));
            }
            fetch.call();
            ObjectId head = git.getRepository().resolve("refs/heads/imported");
            if (head == null) {
                throw new FetchFailed((branch == null ? "the repository's default branch" : "branch " + branch) + " was not found");
            }
            return new Fetched(head.name(), new TreeReader(git.getRepository()).texts(head.name(), maxFileBytes));
        } catch (GitAPIException | org.eclipse.jgit.errors.TransportException e) {
            throw new FetchFailed(cap.exceeded ? "the repository is over " + maxBytes / 1024 / 1024 + " MB: not read"
                    : cap.late ? "the fetch took over " + 4 * timeoutSeconds + " s: not read" : "could not fetch " + uri + ": " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cancels the fetch once what it wrote passes the cap (a repository is read, not mirrored) or it runs past its deadline. */
    private static final class SizeCap implements ProgressMonitor {
        private final Path directory;
        private long checkedAt;
        private final long maxBytes;
        private final long deadline;
        private volatile boolean exceeded;
        private volatile boolean late;

        SizeCap(Path directory, long maxBytes, long deadline) {
            this.directory = directory;
            this.maxBytes = maxBytes;
            this.deadline = deadline;
        }

        @Override
        public void start(int totalTasks) {
        }

        @Override
        public void beginTask(String title, int totalWork) {
        }

        @Override
        public void update(int completed) {
        }

        @Override
        public void endTask() {
        }

        @Override
        public void showDuration(boolean enabled) {
        }

        @Override
        public boolean isCancelled() {
            long now = System.nanoTime();
            if (now > deadline) {
                late = true; // a server that trickles data does not hold the one read there may be at a time
            }
            if (exceeded || late || now - checkedAt < 200_000_000L) {
                return exceeded || late;
            }
            checkedAt = now;
            try (Stream<Path> walk = Files.walk(directory)) {
                exceeded = walk.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum() > maxBytes;
            } catch (IOException | UncheckedIOException e) {
                // a file written meanwhile: looked at again next time
            }
            return exceeded;
        }
    }
}
