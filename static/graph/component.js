// The dashboard's graph component (ui/graphview.py, Streamlit components v2). Loads vis-network and graph.js once
// per page from the app's static folder (the browser caches them), then draws each rerun's data; a rerun with the
// same data (the same ``version``) leaves the drawing alone. Events go back to Python as trigger values:
// "select" (a click on an entity) and "focus" (a double-click); "drawn" once the view is drawn (or failed to), if
// ``data.drawn`` asks for it (Explore's landing sends its controls only then; the value is the version drawn, and
// from then on the server sends that version without its data, ``spec`` null); "missing" if a version came
// without its data and this page does not have it (the server then sends it again).
const DRAWN_AT_LATEST_MS = 4000;
const KEPT_SPECS = 4;
const loads = (window.__networkGraphLoads = window.__networkGraphLoads || {});
// The last few versions' data, by version (newest last): a run of a version the browser has drawn carries none.
const specs = (window.__networkGraphSpecs = window.__networkGraphSpecs || new Map());

function specOf(data) {
  if (data.spec) {
    specs.delete(data.version);
    specs.set(data.version, data.spec);
    while (specs.size > KEPT_SPECS) {
      specs.delete(specs.keys().next().value);
    }
    return data.spec;
  }
  return specs.get(data.version) || null;
}

function load(url) {
  if (!loads[url]) {
    loads[url] = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = false;
      script.fetchPriority = "high"; // ahead of the page's other script chunks queued on the same server
      script.onload = resolve;
      script.onerror = () => {
        delete loads[url];
        reject(new Error(url));
      };
      document.head.appendChild(script);
    });
  }
  return loads[url];
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  performance.mark("ng-component");
  let root = parentElement.querySelector(".ng-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "ng-root";
    parentElement.appendChild(root);
  }
  const cleanup = () => {
    if (root.__ngHandle) {
      root.__ngHandle.destroy();
      root.__ngHandle = null;
    }
    root.__ngVersion = null;
  };
  const spec = specOf(data);
  if (root.__ngVersion === data.version) {
    return cleanup;
  }
  if (!spec) {
    setTriggerValue("missing", data.version);
    return cleanup;
  }
  root.__ngVersion = data.version;
  const hooks = { fitToWindow: true };
  if (data.events) {
    hooks.select = (id) => setTriggerValue("select", id);
    hooks.focus = (id) => setTriggerValue("focus", id);
  }
  let told = false;
  const drawn = () => {
    if (data.drawn && !told && root.__ngVersion === data.version) {
      told = true;
      setTriggerValue("drawn", data.version);
    }
  };
  hooks.drawn = drawn;
  if (data.drawn) {
    // Whatever happens to the drawing (an error inside vis-network's first draw, a frame never painted), the page
    // gets its controls: the report goes at the latest a few seconds after the component mounted.
    setTimeout(drawn, DRAWN_AT_LATEST_MS);
  }
  // Both files are fetched at once (not one after the other); ``async = false`` keeps them run in this order.
  const started = Promise.all(data.assets.map(load));
  started
    .then(() => {
      performance.mark("ng-loaded");
      if (root.__ngVersion !== data.version) {
        return; // newer data arrived while loading
      }
      if (root.__ngHandle) {
        root.__ngHandle.destroy();
      }
      root.__ngHandle = window.networkGraph.mount(root, spec, hooks);
    })
    .catch((error) => {
      root.textContent = data.failed + " (" + String(error.message) + ")";
      root.dataset.failed = "true";
      drawn();
    });
  return cleanup;
}
