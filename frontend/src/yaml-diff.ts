// <yaml-diff>: read-only diff of two YAML texts, side by side (MergeView) or unified (unifiedMergeView).
import { yaml } from "@codemirror/lang-yaml";
import { defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { MergeView, unifiedMergeView } from "@codemirror/merge";
import { search, searchKeymap } from "@codemirror/search";
import { EditorState, type Extension } from "@codemirror/state";
import { drawSelection, EditorView, highlightSpecialChars, keymap, lineNumbers } from "@codemirror/view";
import { lumoTheme, shadowWithStyles, upgradeProperties } from "./shared";

export type DiffMode = "split" | "unified";

const COLLAPSE = { margin: 3, minSize: 4 };

function sideExtensions(): Extension {
    return [
        lineNumbers(),
        highlightSpecialChars(),
        drawSelection(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        search({ top: true }),
        keymap.of(searchKeymap),
        EditorState.readOnly.of(true),
        EditorState.tabSize.of(2),
        EditorView.editorAttributes.of({ class: "cr-readonly" }),
        EditorView.lineWrapping,
        yaml(),
        lumoTheme,
    ];
}

export class YamlDiffElement extends HTMLElement {
    readonly #root: ShadowRoot;
    #original = "";
    #modified = "";
    #mode: DiffMode = "split";
    #collapse = true;
    #view?: MergeView | EditorView;
    #queued = false;

    constructor() {
        super();
        this.#root = shadowWithStyles(this);
    }

    connectedCallback(): void {
        upgradeProperties(this, ["original", "modified", "mode", "collapse"]);
        this.#queue();
    }

    disconnectedCallback(): void {
        this.#destroy();
    }

    get original(): string {
        return this.#original;
    }

    set original(value: string) {
        this.#original = value == null ? "" : String(value);
        this.#queue();
    }

    get modified(): string {
        return this.#modified;
    }

    set modified(value: string) {
        this.#modified = value == null ? "" : String(value);
        this.#queue();
    }

    /** "split" (default): side by side; "unified": one column with deleted lines shown inline. */
    get mode(): DiffMode {
        return this.#mode;
    }

    set mode(value: DiffMode) {
        this.#mode = value === "unified" ? "unified" : "split";
        this.#queue();
    }

    /** Collapse unchanged stretches (default true). */
    get collapse(): boolean {
        return this.#collapse;
    }

    set collapse(value: boolean) {
        this.#collapse = value == null ? true : !!value;
        this.#queue();
    }

    // several properties set in one go render once
    #queue(): void {
        if (this.#queued) return;
        this.#queued = true;
        queueMicrotask(() => {
            this.#queued = false;
            this.#render();
        });
    }

    #destroy(): void {
        this.#view?.destroy();
        this.#view = undefined;
    }

    #render(): void {
        this.#destroy();
        if (!this.isConnected) return;
        const collapseUnchanged = this.#collapse ? COLLAPSE : undefined;
        if (this.#mode === "unified") {
            const view = new EditorView({
                root: this.#root,
                parent: this.#root,
                doc: this.#modified,
                extensions: [
                    sideExtensions(),
                    EditorView.editorAttributes.of({ class: "cr-frame" }),
                    unifiedMergeView({
                        original: this.#original,
                        mergeControls: false,
                        highlightChanges: true,
                        gutter: true,
                        syntaxHighlightDeletions: true,
                        collapseUnchanged,
                    }),
                ],
            });
            this.#view = view;
        } else {
            this.#view = new MergeView({
                root: this.#root,
                parent: this.#root,
                a: { doc: this.#original, extensions: sideExtensions() },
                b: { doc: this.#modified, extensions: sideExtensions() },
                highlightChanges: true,
                gutter: true,
                collapseUnchanged,
            });
        }
    }
}

declare global {
    interface HTMLElementTagNameMap {
        "yaml-diff": YamlDiffElement;
    }
}
