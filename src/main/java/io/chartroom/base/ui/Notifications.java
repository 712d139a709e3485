package io.chartroom.base.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

/** The two kinds of toast the portal shows: a success that fades, an error that stays until closed. */
public final class Notifications {

    private Notifications() {}

    public static void success(String text) {
        Notification n = Notification.show(text, 4000, Notification.Position.BOTTOM_END);
        n.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    public static void error(String text) {
        Notification n = new Notification();
        n.addThemeVariants(NotificationVariant.LUMO_ERROR);
        n.setPosition(Notification.Position.BOTTOM_END);
        Button close = new Button("Close", e -> n.close());
        close.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        HorizontalLayout layout = new HorizontalLayout(new Span(text), close);
        layout.setAlignItems(FlexComponent.Alignment.CENTER);
        n.add(layout);
        n.open();
    }
}
