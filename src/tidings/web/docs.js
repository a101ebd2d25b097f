// Renders /openapi.json as a readable list of endpoints and their parameters, with no network access.
"use strict";

function element(name, text, attrs = {}) {
  const el = document.createElement(name);
  if (text !== undefined) el.textContent = text;
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  return el;
}

function describeSchema(schema) {
  const options = schema.anyOf ? schema.anyOf.filter((s) => s.type !== "null") : [schema];
  return options.map((s) => {
    if (s.enum) return `one of ${s.enum.join(", ")}`;
    const limits = [];
    if (s.minimum !== undefined) limits.push(`≥ ${s.minimum}`);
    if (s.maximum !== undefined) limits.push(`≤ ${s.maximum}`);
    if (s.maxLength !== undefined) limits.push(`at most ${s.maxLength} characters`);
    if (s.pattern) limits.push(`matching ${s.pattern}`);
    return `${s.format || s.type || "value"}${limits.length ? ` (${limits.join(", ")})` : ""}`;
  }).join(" or ");
}

async function render() {
  const holder = document.getElementById("endpoints");
  const schema = await (await fetch("/openapi.json")).json();
  holder.replaceChildren();
  for (const [path, methods] of Object.entries(schema.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const section = element("section");
      const title = element("h2");
      title.append(element("span", method.toUpperCase(), { class: "method" }), element("code", path));
      section.append(title, element("p", operation.summary || ""));
      const parameters = operation.parameters || [];
      if (parameters.length) {
        const table = element("table");
        table.append(element("caption", `Parameters of ${path}`, { class: "sr-only" }));
        const head = element("tr");
        ["name", "in", "accepts", "default", "meaning"].forEach((h) => head.append(element("th", h, { scope: "col" })));
        table.append(head);
        for (const p of parameters) {
          const row = element("tr");
          const name = element("td");
          name.append(element("code", p.name));
          row.append(name, element("td", p.in), element("td", describeSchema(p.schema || {})),
            element("td", p.schema && p.schema.default !== undefined && p.schema.default !== null ? String(p.schema.default) : ""),
            element("td", p.description || ""));
          table.append(row);
        }
        section.append(table);
      }
      if (method === "get" && !path.includes("{")) {
        const paragraph = element("p");
        paragraph.append(element("a", `Try ${path}`, { href: path }));
        section.append(paragraph);
      }
      holder.append(section);
    }
  }
}

document.addEventListener("DOMContentLoaded", () => render().catch((error) => {
  document.getElementById("endpoints").textContent = `Could not read the schema: ${error.message}`;
}));
