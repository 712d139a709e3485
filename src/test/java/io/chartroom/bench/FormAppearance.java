package io.chartroom.bench;

import com.microsoft.playwright.Page;
import io.chartroom.fixtures.Screens;
import java.util.ArrayList;
import java.util.List;

/**
 * The wide form in Chromium, from *Create release* on the chart's page to the form's last section on screen: timed by
 * the test (Playwright's own round trips included), and inside the page, split where the time goes: from the click to
 * the end of the answer to the browser's request (the server building the page, and the wire; the browser's resource
 * timing), and from there until the last section is in the page (the browser applying the answer: Flow's client,
 * the web components, layout).
 */
final class FormAppearance {

    /** Times in nanoseconds; the first run (cold) apart. */
    record Figures(double first, List<Double> appears, List<Double> inPage, List<Double> answered, List<Double> applied,
                   List<Double> opens, double fullLoad) {
    }

    private static final String ARM = """
            (section) => {
              window.__form = {};
              performance.clearResourceTimings();
              document.addEventListener('click', () => {
                window.__form.click = performance.now();
                const check = () => document.querySelector(section) ? window.__form.shown = performance.now() : requestAnimationFrame(check);
                requestAnimationFrame(check);
              }, {capture: true, once: true});
            }""";
    private static final String READ = """
            () => {
              const f = window.__form;
              const request = performance.getEntriesByType('resource').find(e => e.name.includes('v-r=uidl') && e.startTime >= f.click);
              return [f.shown - f.click, request ? request.responseEnd - f.click : -1];
            }""";

    private FormAppearance() {
    }

    static Figures measure(Page page, String base, String editorRoute, int runs, int sectionOpens, String lastSection, String lastField) {
        List<Double> appears = new ArrayList<>();
        List<Double> inPage = new ArrayList<>();
        List<Double> answered = new ArrayList<>();
        List<Double> applied = new ArrayList<>();
        List<Double> opens = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            // in-app, as a user comes to it: the chart's page, then "Create release" (scripts and styles are loaded)
            page.navigate(base + "/catalog/bench-ui/wide-form");
            page.locator("#create-release").waitFor();
            Screens.waitForVaadin(page);
            page.evaluate(ARM, lastSection);
            long t0 = System.nanoTime();
            page.locator("#create-release").click();
            page.locator(lastSection).waitFor();
            Screens.waitForVaadin(page);
            appears.add((double) (System.nanoTime() - t0));
            List<?> split = (List<?>) page.evaluate(READ);
            double shown = ((Number) split.get(0)).doubleValue() * 1e6;
            double answer = ((Number) split.get(1)).doubleValue() * 1e6;
            inPage.add(shown);
            // no resource entry (the buffer was full): NaN, left out below, so that run i stays at index i
            answered.add(answer >= 0 ? answer : Double.NaN);
            applied.add(answer >= 0 ? shown - answer : Double.NaN);
            if (i < sectionOpens) {
                long t1 = System.nanoTime();
                page.locator(lastSection + " vaadin-details-summary").click();
                page.locator(lastField).waitFor();
                Screens.waitForVaadin(page);
                opens.add((double) (System.nanoTime() - t1));
            }
        }
        page.navigate(base + "/releases");
        page.locator("#releases").waitFor();
        long f0 = System.nanoTime();
        page.navigate(base + "/" + editorRoute);
        page.locator(lastSection).waitFor();
        Screens.waitForVaadin(page);
        double fullLoad = System.nanoTime() - f0;
        return new Figures(appears.getFirst(), warm(appears), warm(inPage), warm(answered), warm(applied), opens, fullLoad);
    }

    /** The runs after the first, cold one, each that was measured. */
    private static List<Double> warm(List<Double> runs) {
        return runs.subList(1, runs.size()).stream().filter(t -> !t.isNaN()).toList();
    }
}
