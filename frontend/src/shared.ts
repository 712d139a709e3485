// Pieces shared by <yaml-editor> and <yaml-diff>.
import { EditorView } from "@codemirror/view";

const error = "var(--lumo-error-color, #d11)";
const warning = "var(--lumo-warning-color, #d97706)";

/**
 * Host styles. The host is a block; the editor (or split diff) inside takes the host's height when it has one,
 * stops at the host's max-height, and otherwise grows with its content. Scrolling happens inside.
 */
export const hostCss = `
:host { display: block; position: relative; box-sizing: border-box; min-width: 0; }
:host([hidden]) { display: none; }
.cm-editor, .cm-mergeView { height: 100%; max-height: inherit; box-sizing: border-box; }
.cm-editor.cr-frame, .cm-mergeView {
  border: 1px solid var(--lumo-contrast-20pct, #d0d5dd);
  border-radius: var(--lumo-border-radius-m, 4px);
  background: var(--lumo-base-color, #fff);
}
.cm-mergeView { overflow: auto; }
.cm-mergeViewEditor + .cm-mergeViewEditor { border-left: 1px solid var(--lumo-contrast-10pct, #e4e7ec); }
`;

/** Light theme in Lumo colours for everything inside an editor (also each side of a split diff). */
export const lumoTheme = EditorView.theme({
    "&": { color: "var(--lumo-body-text-color, #1f2937)", backgroundColor: "var(--lumo-base-color, #fff)" },
    "&.cr-frame.cm-focused": { outline: "none", borderColor: "var(--lumo-primary-color-50pct, #7aa7e0)" },
    ".cm-scroller": {
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
        fontSize: "13px",
        lineHeight: "1.5",
        overflow: "auto",
    },
    ".cm-gutters": {
        backgroundColor: "var(--lumo-contrast-5pct, #f6f7f9)",
        color: "var(--lumo-secondary-text-color, #6b7280)",
        borderRight: "1px solid var(--lumo-contrast-10pct, #e4e7ec)",
    },
    ".cm-activeLine": { backgroundColor: "var(--lumo-primary-color-10pct, #eef4fc)" },
    ".cm-activeLineGutter": { backgroundColor: "var(--lumo-contrast-10pct, #e9ecf0)" },
    "&.cr-readonly .cm-activeLine": { backgroundColor: "transparent" },
    "&.cr-readonly .cm-content": { caretColor: "transparent" },
    // diagnostics: Lumo's error colour instead of CodeMirror's hard-coded red
    ".cm-lintRange-error": { backgroundImage: "none", textDecoration: `underline wavy ${error}` },
    ".cm-lintRange-warning": { backgroundImage: "none", textDecoration: `underline wavy ${warning}` },
    ".cm-lintRange": { textDecorationSkipInk: "none", textUnderlineOffset: "3px" },
    ".cm-lintPoint-error:after": { borderBottomColor: error },
    ".cm-lintPoint-warning:after": { borderBottomColor: warning },
    ".cm-diagnostic": { fontFamily: "var(--lumo-font-family, system-ui, sans-serif)", fontSize: "13px" },
    ".cm-diagnostic-error": { borderLeftColor: error },
    ".cm-diagnostic-warning": { borderLeftColor: warning },
    ".cm-lint-marker": { boxSizing: "border-box", width: ".7em", height: ".7em", margin: ".15em" },
    ".cm-lint-marker-error": { content: "normal", borderRadius: "50%", backgroundColor: error },
    ".cm-lint-marker-warning": { content: "normal", borderRadius: "2px", backgroundColor: warning },
    // folded unchanged lines: CodeMirror's marker (U+299A) is missing from many fonts; middle dots are in all of them
    ".cm-collapsedLines:before, .cm-collapsedLines:after": { content: '"\\00B7\\00B7\\00B7"' },
    ".cm-tooltip": {
        border: "1px solid var(--lumo-contrast-20pct, #d0d5dd)",
        backgroundColor: "var(--lumo-base-color, #fff)",
        borderRadius: "var(--lumo-border-radius-s, 3px)",
        boxShadow: "var(--lumo-box-shadow-s, 0 2px 6px rgba(0,0,0,.15))",
    },
});

/** Opens a shadow root with the host styles. */
export function shadowWithStyles(host: HTMLElement): ShadowRoot {
    const root = host.attachShadow({ mode: "open" });
    const style = document.createElement("style");
    style.textContent = hostCss;
    root.append(style);
    return root;
}

/**
 * Flow (or any script) may set properties before the element is upgraded: they then live on the instance and
 * hide the class's accessors. Remove them and set them again through the accessors.
 */
export function upgradeProperties(el: HTMLElement, names: string[]): void {
    for (const name of names) {
        if (Object.prototype.hasOwnProperty.call(el, name)) {
            const value = (el as any)[name];
            delete (el as any)[name];
            (el as any)[name] = value;
        }
    }
}
