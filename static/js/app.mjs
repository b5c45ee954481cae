// Loaded as <script type="module">: browsers that run it support NHS.UK frontend's JavaScript.
// No inline script anywhere, so a strict Content-Security-Policy can forbid them.
import { initAll } from "../nhsuk/nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();

// An import's progress page: poll the JSON endpoint instead of the <noscript> meta refresh,
// and reload once the import has finished so the page shows the result.
const progress = document.querySelector("[data-import-progress-url]");
if (progress) {
  const url = progress.dataset.importProgressUrl;
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-import-progress-text]");
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const body = await response.json();
        if (body.finished) {
          window.location.reload();
          return;
        }
        if (bar) bar.value = body.percent;
        if (text) {
          text.textContent = body.rows_total
            ? `${body.rows_done} of ${body.rows_total} rows checked (${body.percent}%)`
            : "Waiting to start";
        }
      }
    } catch {
      // A dropped request is retried on the next tick.
    }
    window.setTimeout(poll, 2000);
  };
  window.setTimeout(poll, 2000);
}
