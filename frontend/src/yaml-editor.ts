// <yaml-editor>: a CodeMirror 6 YAML editor as a plain custom element (no Lit, no Vaadin frontend build).
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import {
    bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, indentUnit, syntaxHighlighting,
} from "@codemirror/language";
import { type Diagnostic, lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, search, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, type Extension, type Text } from "@codemirror/state";
import {
    crosshairCursor, drawSelection, dropCursor, EditorView, highlightActiveLine, highlightActiveLineGutter,
    highlightSpecialChars, keymap, lineNumbers, rectangularSelection,
} from "@codemirror/view";
import { lumoTheme, shadowWithStyles, upgradeProperties } from "./shared";

/** A problem to show; line and column are 1-based, without a column the whole line is marked. */
export interface YamlDiagnostic {
    line: number;
    column?: number;
    message: string;
    severity: "error" | "warning";
}

const DEBOUNCE_MS = 300;

function readOnlyExtension(readonly: boolean): Extension {
    return [EditorState.readOnly.of(readonly), EditorView.editorAttributes.of({ class: readonly ? "cr-readonly" : "" })];
}

/** Maps 1-based line/column diagnostics onto document ranges; lines past the end are clamped to the last line. */
export function toRanges(doc: Text, diagnostics: readonly YamlDiagnostic[]): Diagnostic[] {
    const result: Diagnostic[] = [];
    for (const d of diagnostics) {
        if (!d || d.message == null) continue;
        const lineNo = Math.min(Math.max(Math.floor(Number(d.line)) || 1, 1), doc.lines);
        const line = doc.line(lineNo);
        const column = Math.floor(Number(d.column));
        let from: number;
        let to: number;
        if (column >= 1) {
            // from the column to the end of the token there (a point when the column is past the text)
            from = line.from + Math.min(column - 1, line.length);
            to = from + (/^\S*/.exec(line.text.slice(from - line.from))?.[0].length ?? 0);
        } else {
            // the line without its indentation and trailing blanks
            const text = line.text;
            from = line.from + (text.length - text.trimStart().length);
            to = Math.max(from, line.from + text.trimEnd().length);
        }
        result.push({ from, to, severity: d.severity === "warning" ? "warning" : "error", message: String(d.message) });
    }
    return result.sort((a, b) => a.from - b.from || a.to - b.to);
}

export class YamlEditorElement extends HTMLElement {
    readonly #root: ShadowRoot;
    readonly #readOnlyConf = new Compartment();
    #view?: EditorView;
    #value = "";
    #readonly = false;
    #diagnostics: YamlDiagnostic[] = [];
    #timer?: number;
    #dirty = false;

    constructor() {
        super();
        this.#root = shadowWithStyles(this);
    }

    /**
     * A press anywhere else sends pending text first: a tab or button pressed right after typing may not take the
     * focus (so no blur), and whatever it does on the server must see the text typed before it.
     */
    #pressedElsewhere = (event: Event): void => {
        if (this.#dirty && !event.composedPath().includes(this)) this.#flush();
    };

    connectedCallback(): void {
        upgradeProperties(this, ["value", "readonly", "diagnostics"]);
        document.addEventListener("pointerdown", this.#pressedElsewhere, true);
        if (this.#view) {
            this.#view.requestMeasure();
            return;
        }
        this.#view = new EditorView({ root: this.#root, parent: this.#root, state: this.#createState(this.#value) });
        this.#applyDiagnostics();
    }

    disconnectedCallback(): void {
        document.removeEventListener("pointerdown", this.#pressedElsewhere, true);
        this.#flush();
    }

    /** The text. Setting it replaces the document (and its undo history) and never fires value-changed. */
    get value(): string {
        return this.#view ? this.#view.state.doc.toString() : this.#value;
    }

    set value(value: string) {
        const text = value == null ? "" : String(value);
        this.#value = text;
        const view = this.#view;
        if (!view || text === view.state.doc.toString()) return;
        // an outside value wins over edits not yet reported
        clearTimeout(this.#timer);
        this.#dirty = false;
        view.setState(this.#createState(text));
        this.#applyDiagnostics();
    }

    get readonly(): boolean {
        return this.#readonly;
    }

    set readonly(readonly: boolean) {
        this.#readonly = !!readonly;
        this.#view?.dispatch({ effects: this.#readOnlyConf.reconfigure(readOnlyExtension(this.#readonly)) });
    }

    /** Replaces all diagnostics shown (gutter marker, underline, hover tooltip). */
    get diagnostics(): YamlDiagnostic[] {
        return this.#diagnostics;
    }

    set diagnostics(diagnostics: YamlDiagnostic[]) {
        this.#diagnostics = Array.isArray(diagnostics) ? diagnostics : [];
        this.#applyDiagnostics();
    }

    override focus(options?: FocusOptions): void {
        if (this.#view) this.#view.focus();
        else super.focus(options);
    }

    #applyDiagnostics(): void {
        const view = this.#view;
        if (view) view.dispatch(setDiagnostics(view.state, toRanges(view.state.doc, this.#diagnostics)));
    }

    #createState(doc: string): EditorState {
        return EditorState.create({
            doc,
            extensions: [
                lintGutter(),
                lineNumbers(),
                foldGutter(),
                highlightActiveLineGutter(),
                highlightSpecialChars(),
                history(),
                drawSelection(),
                dropCursor(),
                EditorState.allowMultipleSelections.of(true),
                indentOnInput(),
                syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
                bracketMatching(),
                rectangularSelection(),
                crosshairCursor(),
                highlightActiveLine(),
                highlightSelectionMatches(),
                search({ top: true }),
                // YAML forbids tabs for indentation: Tab indents the line(s) by two spaces
                indentUnit.of("  "),
                EditorState.tabSize.of(2),
                keymap.of([indentWithTab, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...foldKeymap, ...lintKeymap]),
                yaml(),
                EditorView.lineWrapping,
                lumoTheme,
                EditorView.editorAttributes.of({ class: "cr-frame" }),
                this.#readOnlyConf.of(readOnlyExtension(this.#readonly)),
                EditorView.updateListener.of(update => {
                    // setState (outside value) does not pass through here, so every doc change is the user's
                    if (update.docChanged) this.#schedule();
                    if (update.focusChanged && !update.view.hasFocus) this.#flush();
                }),
            ],
        });
    }

    #schedule(): void {
        this.#dirty = true;
        clearTimeout(this.#timer);
        this.#timer = window.setTimeout(() => this.#flush(), DEBOUNCE_MS);
    }

    #flush(): void {
        clearTimeout(this.#timer);
        this.#timer = undefined;
        if (!this.#dirty) return;
        this.#dirty = false;
        this.dispatchEvent(new CustomEvent("value-changed", { detail: { value: this.value } }));
    }
}

declare global {
    interface HTMLElementTagNameMap {
        "yaml-editor": YamlEditorElement;
    }
}
