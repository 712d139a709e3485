package io.chartroom.api;

import io.chartroom.notifications.domain.Delivery;
import io.chartroom.notifications.domain.NotificationTarget;
import io.chartroom.notifications.service.NotificationTargets;
import io.chartroom.notifications.service.Notifications;
import io.chartroom.notifications.service.TargetDraft;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/notifications")
@Tag(name = "Notifications")
class NotificationController {

    private final NotificationTargets targets;
    private final Notifications notifications;
    private final String publicUrl;

    NotificationController(NotificationTargets targets, Notifications notifications, @Value("${chartroom.public-url:http://localhost:8080}") String publicUrl) {
        this.targets = targets;
        this.notifications = notifications;
        this.publicUrl = publicUrl;
    }

    @GetMapping("/targets")
    @Operation(summary = "Notification targets (ADMIN): never their URLs or secrets, only the URL's host")
    List<NotificationTarget> list() {
        return targets.list();
    }

    @PostMapping("/targets")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Adds a signed webhook or a Slack-compatible incoming webhook for some events, environments and teams (ADMIN)")
    NotificationTarget add(@RequestBody TargetDraft draft) {
        return targets.add(draft);
    }

    @DeleteMapping("/targets/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable long id) {
        targets.remove(id);
    }

    @PostMapping("/targets/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Sends a test notification to the target; its outcome is in the delivery log (ADMIN)")
    void test(@PathVariable long id) {
        notifications.test(id, publicUrl);
    }

    @GetMapping("/deliveries")
    @Operation(summary = "The delivery log, newest first (ADMIN)")
    List<Delivery> deliveries(@RequestParam(defaultValue = "0") int offset, @RequestParam(defaultValue = "50") int limit) {
        return targets.deliveries(offset, limit);
    }
}
