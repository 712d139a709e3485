// Entry point of chartroom-components.js: registers Chartroom's custom elements (once, even if loaded twice).
import { YamlDiffElement } from "./yaml-diff";
import { YamlEditorElement } from "./yaml-editor";

if (!customElements.get("yaml-editor")) customElements.define("yaml-editor", YamlEditorElement);
if (!customElements.get("yaml-diff")) customElements.define("yaml-diff", YamlDiffElement);
