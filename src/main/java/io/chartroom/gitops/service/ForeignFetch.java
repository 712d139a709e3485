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

    /**
     * {@code branch} null: the repository's default branch. {@code check} runs again right before every connection
     * JGit opens (it resolves the host anew each time): an answer that changed since the caller's check (DNS rebinding)
     * is refused too, and a connection to any other host is refused outright.
     */
    public static Fetched fetch(URI uri, @Nullable String branch, @Nullable String username, @Nullable String password, Path directory,
                                long maxBytes, int timeoutSeconds, int maxFileBytes, java.util.function.Consumer<URI> check) {
        String ref = branch == null ? "HEAD" : "refs/heads/" + branch;
        SizeCap cap = new SizeCap(directory, maxBytes, System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(4L * timeoutSeconds));
        try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call()) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("http", null, "followRedirects", "false");
            config.save();
            var fetch = git.fetch().setRemote(uri.toString()).setRefSpecs(new RefSpec(ref + ":refs/heads/imported")).setDepth(1)
                    .setTimeout(timeoutSeconds).setProgressMonitor(cap)
                    .setTransportConfigCallback(transport -> {
                        if (transport instanceof org.eclipse.jgit.transport.TransportHttp http) {
                            http.setHttpConnectionFactory(new CheckedConnections(uri, check));
                        }
                    });
            if (username != null) {
                fetch.setCredentialsProvider(new UsernamePasswordCredentialsProvider(username, password == null ? "" : password));
            }
            fetch.call();
            ObjectId head = git.getRepository().resolve("refs/heads/imported");
            if (head == null) {
                throw new FetchFailed((branch == null ? "the repository's default branch" : "branch " + branch) + " was not found");
            }
            return new Fetched(head.name(), new TreeReader(git.getRepository()).texts(head.name(), maxFileBytes));
        } catch (GitAPIException | org.eclipse.jgit.errors.TransportException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new FetchFailed(cap.exceeded ? "the repository is over " + maxBytes / 1024 / 1024 + " MB: not read"
                    : cap.late ? "the fetch took over " + 4 * timeoutSeconds + " s: not read" : "could not fetch " + uri + ": " + reason(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JGit's words, or the refusal of a connection where JGit buried it under its own. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("refused: ")) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }

    /** Connections only to the URL's host, each checked again right before it is opened. */
    private record CheckedConnections(URI uri, java.util.function.Consumer<URI> check) implements org.eclipse.jgit.transport.http.HttpConnectionFactory {
        private static final org.eclipse.jgit.transport.http.HttpConnectionFactory JDK = new org.eclipse.jgit.transport.http.JDKHttpConnectionFactory();

        @Override
        public org.eclipse.jgit.transport.http.HttpConnection create(java.net.URL url) throws IOException {
            return create(url, null);
        }

        @Override
        public org.eclipse.jgit.transport.http.HttpConnection create(java.net.URL url, java.net.@Nullable Proxy proxy) throws IOException {
            if (!url.getHost().equalsIgnoreCase(uri.getHost()) || !url.getProtocol().equalsIgnoreCase(uri.getScheme())) {
                throw new IOException("refused: " + url.getProtocol() + "://" + url.getHost() + " is not the repository's host");
            }
            try {
                check.accept(URI.create(url.getProtocol() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort()) + "/"));
            } catch (RuntimeException refused) {
                throw new IOException("refused: " + refused.getMessage(), refused);
            }
            return proxy == null ? JDK.create(url) : JDK.create(url, proxy);
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
