package io.chartroom.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasComponents;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.shared.Registration;

/**
 * Vaadin's collapsible section (the {@code vaadin-details} element) with less state on the server than Vaadin's own
 * {@code Details}: the summary is markup of the section's summary element, escaped by the caller (or plain text, which
 * the web component draws itself: {@link #ofText}), and the content is the element's children, where {@code Details}
 * wraps them in a container of its own. Two state nodes (one with a text summary) where {@code Details} with a
 * summary component takes four: the rows of a review and the sections of a wide form are most
 * of those pages' state, kept on the server for every open tab.
 */
@Tag("vaadin-details")
@JsModule("@vaadin/details/src/vaadin-details.js")
public class MarkupDetails extends Component implements HasComponents, HasStyle {

    public MarkupDetails(String summaryHtml) {
        Element summary = new Element("vaadin-details-summary");
        summary.setAttribute("slot", "summary");
        summary.setProperty("innerHTML", summaryHtml);
        getElement().appendChild(summary);
        getElement().setProperty("opened", false);
    }

    private MarkupDetails() {
        getElement().setProperty("opened", false);
    }

    /**
     * A section whose summary is plain text: the element's {@code summary} property, from which the web component
     * draws its summary in the browser (class {@code text-summary}; one state node in all).
     */
    public static MarkupDetails ofText(String summary) {
        MarkupDetails details = new MarkupDetails();
        details.getElement().setProperty("summary", summary);
        details.addClassName("text-summary");
        return details;
    }

    public boolean isOpened() {
        return getElement().getProperty("opened", false);
    }

    public void setOpened(boolean opened) {
        getElement().setProperty("opened", opened);
    }

    /** Told with the new state when the user opens or closes the section. */
    public Registration onOpenedChange(SerializableConsumer<Boolean> opened) {
        return getElement().addPropertyChangeListener("opened", "opened-changed", e -> {
            if (e.isUserOriginated()) {
                opened.accept(isOpened());
            }
        });
    }
}
