package io.chartroom.changes.service;

import io.chartroom.changes.domain.ChangeRequestRepository;
import io.chartroom.releases.service.ProposedReleases;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Tells the release editor which names open change requests already propose. */
@Component
class OpenCreations implements ProposedReleases {

    private final ChangeRequestRepository changeRequests;

    OpenCreations(ChangeRequestRepository changeRequests) {
        this.changeRequests = changeRequests;
    }

    @Override
    public Optional<String> creationProposed(String releaseName) {
        return changeRequests.openCreation(releaseName).map(id -> "change request #" + id);
    }
}
