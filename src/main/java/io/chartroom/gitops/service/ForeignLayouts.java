package io.chartroom.gitops.service;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Which commit describes a commit's releases and environments: the {@link ForeignLayoutReading} adoption provides,
 * looked up once (releases are read on hot paths) and lazily (it reads the repository itself); none in tests that
 * build a repository by hand.
 */
final class ForeignLayouts {

    private @Nullable ObjectProvider<ForeignLayoutReading> provider;
    private volatile @Nullable ForeignLayoutReading reading;

    void use(ObjectProvider<ForeignLayoutReading> provider) {
        this.provider = provider;
    }

    String describing(String commit) {
        ForeignLayoutReading found = reading();
        return found == null ? commit : found.describing(commit).orElse(commit);
    }

    boolean keeps() {
        ForeignLayoutReading found = reading();
        return found != null && found.keeps();
    }

    private @Nullable ForeignLayoutReading reading() {
        ForeignLayoutReading found = reading;
        ObjectProvider<ForeignLayoutReading> lookup = provider;
        if (found == null && lookup != null) {
            found = lookup.getIfAvailable();
            reading = found;
        }
        return found;
    }
}
