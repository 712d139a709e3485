package io.chartroom.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;

/**
 * Flow keeps each tab's last answer to the browser, to send it again should the browser repeat a request whose
 * answer it lost. A tab last sent a large page (the values editor's: about 120 KB) keeps that page's answer for as
 * long as it stays open and idle, which is most of a tab's heap. Asking the browser for one empty round trip right
 * after such an answer makes the small answer to that the one Flow keeps.
 */
public final class KeptResponse {

    private static final String PENDING = KeptResponse.class.getName() + ".pending";

    private KeptResponse() {
    }

    /** Asks the browser, once per answer, to come back as soon as it has applied this one. */
    public static void replaceAfterThisAnswer(UI ui) {
        if (ComponentUtil.getData(ui, PENDING) != null) {
            return;
        }
        ComponentUtil.setData(ui, PENDING, Boolean.TRUE);
        ui.getPage().executeJs("return null").then(answered -> ComponentUtil.setData(ui, PENDING, null),
                failed -> ComponentUtil.setData(ui, PENDING, null));
    }
}
