// rashomon serve: keys and a filter; every page works without this script.
// "/" focuses the search box; "j" and "k" move to the next and previous hit or difference;
// on a work's page, a box shows only the rows where the accounts differ.
(function () {
  "use strict";
  document.documentElement.dataset.script = "ready";
  const stops = () => Array.from(document.querySelectorAll(".hit, .difference, tr.has-diff"))
    .filter((e) => e.offsetParent !== null);
  document.addEventListener("keydown", (e) => {
    const typing = e.target.closest && e.target.closest("input, textarea");
    if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/") {
      e.preventDefault();
      document.getElementById("q").focus();
    } else if (e.key === "j" || e.key === "k") {
      const all = stops();
      if (all.length === 0) return;
      // From a link inside a hit or row, step from that hit or row.
      const focused = document.activeElement;
      const here = focused && focused.closest ? focused.closest(".hit, .difference, tr.has-diff") : null;
      const at = all.indexOf(here);
      const next = e.key === "j" ? Math.min(at + 1, all.length - 1) : Math.max(at - 1, 0);
      all[next].focus();
      all[next].scrollIntoView({ block: "nearest" });
    }
  });
  const table = document.querySelector("table.side-by-side");
  // A page already filtered by the server (?only=differ) keeps its links.
  if (table && !new URLSearchParams(location.search).has("only")) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = "only-differ";
    label.append(box, " show only where the accounts differ");
    const filter = document.querySelector(".filter");
    filter.replaceChildren(label);
    box.addEventListener("change", () => document.body.classList.toggle("only-differ", box.checked));
  }
  if (table) table.dataset.differing = String(table.querySelectorAll("tr.has-diff").length);
})();
