import * as echarts from "echarts/core";
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { monthLabel } from "./period";
import { toCsv, type Figure } from "./figures";

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** At least 3:1 against white (WCAG 2.2 1.4.11) and told apart by line style and symbol as well as colour. */
const PALETTE = ["#1d4f91", "#a4201d", "#00703c", "#6f3c97", "#8a4b08", "#005a70", "#b0174f", "#505a5f", "#4c2c92", "#594d00"];
const SYMBOLS = ["circle", "rect", "triangle", "diamond", "pin", "arrow", "roundRect"];

const charts = new Map<string, echarts.ECharts>();

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function optionOf(figure: Figure): echarts.EChartsCoreOption {
  const data = (values: (number | null)[]) => values.map((value) => (value === null ? "-" : value));
  const common = {
    color: PALETTE,
    animation: false,
    aria: { enabled: true, decal: { show: figure.kind === "ranked" } },
    textStyle: { color: "#1b1b1b" },
    legend: { type: "scroll", bottom: 0, textStyle: { color: "#1b1b1b" } },
  };
  if (figure.kind === "ranked") {
    return {
      ...common,
      legend: { show: false },
      grid: { left: 170, right: 30, top: 10, bottom: 30 },
      xAxis: { type: "value", minInterval: 1, axisLabel: { color: "#1b1b1b" } },
      yAxis: {
        type: "category",
        inverse: true,
        data: figure.categories,
        axisLabel: { color: "#1b1b1b", width: 160, overflow: "truncate" },
      },
      series: figure.series.map((series) => ({
        type: "bar",
        name: series.name,
        data: data(series.values),
        label: { show: true, position: "right", color: "#1b1b1b" },
      })),
    };
  }
  return {
    ...common,
    grid: { left: 50, right: 20, top: 20, bottom: 70 },
    xAxis: { type: "category", data: figure.categories.map(monthLabel), axisLabel: { color: "#1b1b1b" } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: "#1b1b1b" } },
    series: figure.series.map((series, index) => ({
      type: "line",
      name: series.name,
      data: data(series.values),
      // A gap where the API gave nothing: never drawn as a line through zero.
      connectNulls: false,
      symbol: SYMBOLS[index % SYMBOLS.length],
      symbolSize: 7,
      lineStyle: { width: 2, type: index % 3 === 0 ? "solid" : index % 3 === 1 ? "dashed" : "dotted" },
    })),
  };
}

function download(figure: Figure): void {
  const blob = new Blob([toCsv(figure.table)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = element("a", { href: url, download: `${figure.id}.csv` });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A figure's section: heading, text summary, the chart (an image to screen readers, described by the summary), its table and CSV. */
export function renderFigure(container: HTMLElement, figure: Figure): void {
  const section = element("section", { class: "figure", id: figure.id, "aria-labelledby": `${figure.id}-title` });
  const heading = element("h3", { id: `${figure.id}-title` }, figure.title);
  if (figure.partial) heading.append(element("span", { class: "partial-mark" }, " (partial)"));
  const summary = element("p", { class: "summary", id: `${figure.id}-summary` }, figure.summary);
  const body = element("div", { class: "figure-body" });
  const chart = element("div", {
    class: `chart${figure.kind === "ranked" ? " ranked" : ""}`,
    role: "img",
    "aria-labelledby": `${figure.id}-title ${figure.id}-summary`,
    // What the chart was given, for anyone (a test) checking it against the API.
    "data-points": JSON.stringify({ categories: figure.categories, series: figure.series }),
  });
  const tableWrap = element("div", { class: "table-wrap", tabindex: "0", role: "region", "aria-labelledby": `${figure.id}-caption` });
  const table = element("table");
  table.append(element("caption", { id: `${figure.id}-caption` }, `${figure.title}: the figures`));
  const head = element("thead");
  const headRow = element("tr");
  for (const column of figure.table.columns) headRow.append(element("th", { scope: "col" }, column));
  head.append(headRow);
  const tbody = element("tbody");
  for (const row of figure.table.rows) {
    const tr = element("tr");
    row.forEach((value, index) => {
      const numeric = /^\d+$/.test(value) && index > 0;
      tr.append(element("td", { class: numeric ? "number" : value === "not available" ? "missing" : "" }, value));
    });
    tbody.append(tr);
  }
  table.append(head, tbody);
  tableWrap.append(table);
  const csv = element("button", { type: "button", class: "secondary", "data-csv": figure.id }, `Download CSV: ${figure.title}`);
  csv.addEventListener("click", () => download(figure));
  body.append(chart, tableWrap);
  section.append(heading, summary, body, csv);
  container.append(section);
  const instance = echarts.init(chart, undefined, { renderer: "svg" });
  instance.setOption(optionOf(figure));
  charts.set(figure.id, instance);
}

export function clearFigures(container: HTMLElement): void {
  for (const chart of charts.values()) chart.dispose();
  charts.clear();
  container.replaceChildren();
}

window.addEventListener("resize", () => {
  for (const chart of charts.values()) chart.resize();
});
