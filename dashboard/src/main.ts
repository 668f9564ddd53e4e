import orderFiguresId from "../operations/DashboardOrderFigures.graphql";
import breachFiguresId from "../operations/DashboardBreachFigures.graphql";
import forcesId from "../operations/DashboardForces.graphql";
import { runOperation, type Outcome, type GraphQLError } from "./api";
import { clearFigures, renderFigure } from "./charts";
import { groupsOf, isOrderMeasure, MEASURES, monthlyFigure, rankedFigure, type Answer, type Measure, type StatisticsRow } from "./figures";
import { completeOidcSignIn, isOidcCallback, startOidcSignIn, type OidcSettings } from "./oidc";
import { firstDay, isMonth, lastDay, monthLabel, monthsBetween, presetMonths, type Preset } from "./period";

/**
 * The national reporting dashboard (docs/dashboard.md). The token lives in
 * this module's memory only (never storage, never a cookie): a reload signs
 * out, and so does the token's expiry.
 */
const API = "/graphql";
const DEV_SIGN_IN = "/dashboard/dev-sign-in";
const OIDC_SETTINGS = "/dashboard/sign-in.json";

interface Session {
  token: string;
  persona: string;
  label: string;
  expiresAt: Date;
  timer: number;
}
interface ForceEntry {
  code: string;
  name: string;
  region: string;
}

let session: Session | undefined;
let forces: ForceEntry[] | null = null;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function say(text: string): void {
  $("status").textContent = text;
}
function alertUser(text: string | null): void {
  const alert = $("alert");
  alert.hidden = text === null;
  alert.textContent = text ?? "";
}

function signOut(reason: string | null): void {
  if (session) clearTimeout(session.timer);
  session = undefined;
  forces = null;
  $("session").hidden = true;
  $("report").hidden = true;
  $("sign-in").hidden = false;
  clearFigures($("charts"));
  $("partial").hidden = true;
  alertUser(reason);
  say(reason === null ? "Signed out." : "");
}

function signIn(token: string, persona: string, label: string, expiresAt: Date): void {
  const remaining = expiresAt.getTime() - Date.now();
  if (remaining <= 0) return signOut("That sign-in had already expired: sign in again.");
  const timer = window.setTimeout(
    () => signOut(`Your sign-in expired at ${expiresAt.toLocaleTimeString("en-GB")}: you have been signed out. Sign in again to continue.`),
    remaining,
  );
  session = { token, persona, label, expiresAt, timer };
  $("session-persona").textContent = label;
  const expiry = $("session-expiry");
  expiry.textContent = expiresAt.toLocaleTimeString("en-GB");
  expiry.setAttribute("datetime", expiresAt.toISOString());
  $("session").hidden = false;
  $("sign-in").hidden = true;
  $("report").hidden = false;
  alertUser(null);
  say(`Signed in as ${label}.`);
  void show();
}

async function getJson<T>(url: string): Promise<T | undefined> {
  try {
    const response = await fetch(url, { credentials: "omit", cache: "no-store" });
    return response.ok ? ((await response.json()) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** Who the token names, for the page to show: its persona claim if it is a JWT carrying one. Never trusted for anything else. */
function personaOf(token: string): string {
  try {
    const claims = JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))) as { persona?: unknown };
    return typeof claims.persona === "string" ? claims.persona : "your account";
  } catch {
    return "your account";
  }
}

async function setUpOidc(settings: OidcSettings): Promise<void> {
  $("oidc").hidden = false;
  $("oidc-sign-in").addEventListener("click", () => {
    say("Going to your organisation's sign-in…");
    startOidcSignIn(settings).catch((error: unknown) => {
      say("");
      alertUser(`Sign-in failed: ${(error as Error).message}.`);
    });
  });
  if (!isOidcCallback()) return;
  say("Completing sign-in…");
  try {
    const { token, expiresAt } = await completeOidcSignIn(settings);
    const persona = personaOf(token);
    signIn(token, persona, persona, expiresAt);
  } catch (error) {
    say("");
    alertUser(`Sign-in failed: ${(error as Error).message}.`);
  }
}

async function setUpSignIn(): Promise<void> {
  const wait = $("sign-in-wait");
  const [oidc, dev] = await Promise.all([
    getJson<OidcSettings>(OIDC_SETTINGS),
    getJson<{ personas: { persona: string; label: string }[] }>(DEV_SIGN_IN),
  ]);
  const personas = dev?.personas;
  wait.hidden = true;
  if (oidc) await setUpOidc(oidc);
  if (!personas) {
    $("no-sign-in").hidden = oidc !== undefined;
    return;
  }
  const options = $("persona-options");
  personas.forEach(({ persona, label }, index) => {
    const id = `persona-${persona}`;
    const wrapper = document.createElement("div");
    wrapper.className = "persona";
    const input = Object.assign(document.createElement("input"), {
      type: "radio",
      name: "persona",
      value: persona,
      id,
      checked: index === 0,
    });
    const text = Object.assign(document.createElement("label"), { htmlFor: id, textContent: ` ${label}` });
    wrapper.append(input, text);
    options.append(wrapper);
  });
  const form = $<HTMLFormElement>("dev-sign-in");
  form.hidden = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>("input[name=persona]:checked");
    if (!chosen) return;
    say("Signing in…");
    try {
      const response = await fetch(DEV_SIGN_IN, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ persona: chosen.value }),
        credentials: "omit",
        cache: "no-store",
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const minted = (await response.json()) as { token: string; expiresAt: string };
      const label = personas!.find((entry) => entry.persona === chosen.value)!.label;
      signIn(minted.token, chosen.value, label, new Date(minted.expiresAt));
    } catch (error) {
      say("");
      alertUser(`Sign-in failed (${(error as Error).message}).`);
    }
  });
}

function setUpControls(): void {
  const year = $<HTMLSelectElement>("year");
  const thisYear = new Date().getFullYear();
  for (let y = thisYear; y >= 2020; y -= 1) year.append(new Option(String(y), String(y)));
  const measure = $<HTMLSelectElement>("measure");
  for (const entry of MEASURES) measure.append(new Option(entry.label, entry.key));
  const preset = $<HTMLSelectElement>("preset");
  const sync = () => {
    const chosen = preset.value as Preset;
    $("year-field").hidden = chosen === "last-12-months" || chosen === "custom";
    $("from-field").hidden = chosen !== "custom";
    $("to-field").hidden = chosen !== "custom";
    if (chosen !== "custom") {
      const { from, to } = presetMonths(chosen, Number(year.value), new Date());
      $<HTMLInputElement>("from").value = from;
      $<HTMLInputElement>("to").value = to;
    }
  };
  preset.addEventListener("change", sync);
  year.addEventListener("change", sync);
  $("grouping").addEventListener("change", fillFilter);
  sync();
  fillFilter();
  $<HTMLFormElement>("controls").addEventListener("submit", (event) => {
    event.preventDefault();
    void show();
  });
}

const regionName = (region: string) =>
  region
    .toLowerCase()
    .split("_")
    .map((word) => (word === "and" || word === "the" ? word : word[0].toUpperCase() + word.slice(1)))
    .join(" ");

function fillFilter(): void {
  const filter = $<HTMLSelectElement>("filter");
  const grouping = $<HTMLSelectElement>("grouping").value;
  const previous = filter.value;
  filter.replaceChildren(new Option("All", ""));
  const regions = [...new Set((forces ?? []).map((force) => force.region))].sort();
  if (grouping !== "NATIONAL") for (const region of regions) filter.append(new Option(regionName(region), `region:${region}`));
  if (grouping === "FORCE") for (const force of forces ?? []) filter.append(new Option(force.name, `force:${force.code}`));
  filter.disabled = grouping === "NATIONAL";
  if ([...filter.options].some((option) => option.value === previous)) filter.value = previous;
}

function describeErrors(errors: GraphQLError[]): string {
  const codes = [...new Set(errors.map((error) => error.extensions?.code ?? "error"))];
  return codes.join(", ");
}

let showing = 0;

async function show(): Promise<void> {
  if (!session) return;
  const current = session;
  const run = ++showing;
  const from = $<HTMLInputElement>("from").value;
  const to = $<HTMLInputElement>("to").value;
  if (!isMonth(from) || !isMonth(to) || to < from) {
    alertUser("Choose a first and a last month, the last not before the first.");
    return;
  }
  const groupBy = $<HTMLSelectElement>("grouping").value as "NATIONAL" | "REGION" | "FORCE";
  const measure = $<HTMLSelectElement>("measure").value as Measure;
  const months = monthsBetween(from, to);
  // Order figures and breach figures apart: each from its own subgraph, so one subgraph down leaves the other's shown.
  const statistics = (kind: "orders" | "breaches", periodFrom: string, periodTo: string, grouping: string) =>
    runOperation<{ spoStatistics: StatisticsRow[] | null }>(
      API,
      current.token,
      kind === "orders" ? "DashboardOrderFigures" : "DashboardBreachFigures",
      kind === "orders" ? orderFiguresId : breachFiguresId,
      { from: periodFrom, to: periodTo, groupBy: grouping },
    );
  alertUser(null);
  say(`Loading figures for ${monthLabel(from)} to ${monthLabel(to)}…`);
  $("charts").setAttribute("aria-busy", "true");
  const forcesOutcome = forces ? null : runOperation<{ forces: ForceEntry[] }>(API, current.token, "DashboardForces", forcesId, {});
  const rankedKind = isOrderMeasure(measure) ? "orders" : "breaches";
  const [monthlyOrders, monthlyBreaches, ranked, forcesResult] = await Promise.all([
    Promise.all(months.map((month) => statistics("orders", firstDay(month), lastDay(month), groupBy))),
    Promise.all(months.map((month) => statistics("breaches", firstDay(month), lastDay(month), groupBy))),
    statistics(rankedKind, firstDay(from), lastDay(to), "FORCE"),
    forcesOutcome,
  ]);
  if (run !== showing || session !== current) return;
  $("charts").removeAttribute("aria-busy");
  const outcomes: Outcome<unknown>[] = [...monthlyOrders, ...monthlyBreaches, ranked, ...(forcesResult ? [forcesResult] : [])];
  if (outcomes.some((outcome) => outcome.kind === "signed-out")) {
    return signOut("The API no longer accepts your sign-in (it has expired or was revoked): you have been signed out. Sign in again.");
  }
  const refused = outcomes.find((outcome) => outcome.kind === "refused");
  if (refused && refused.kind === "refused") {
    clearFigures($("charts"));
    $("partial").hidden = true;
    say("");
    return alertUser(
      `Refused: ${current.label} may not read the statistics (they need the stats:read scope) — ${describeErrors(refused.errors)}. ` +
        "Ask for a reporting role, or sign in as another persona.",
    );
  }
  if (forcesResult?.kind === "ok") {
    forces = forcesResult.data.forces;
    fillFilter();
  }
  const answerOf = (outcome: Outcome<{ spoStatistics: StatisticsRow[] | null }>): Answer =>
    outcome.kind === "ok"
      ? { rows: outcome.data.spoStatistics, partial: false }
      : outcome.kind === "partial"
        ? { rows: outcome.data?.spoStatistics ?? null, partial: true }
        : { rows: null, partial: true };
  const orderAnswers = monthlyOrders.map(answerOf);
  const breachAnswers = monthlyBreaches.map(answerOf);
  const period = answerOf(ranked);
  if ([...orderAnswers, ...breachAnswers, period].every((answer) => answer.rows === null)) {
    clearFigures($("charts"));
    $("partial").hidden = true;
    const unavailable = outcomes.find((outcome) => outcome.kind === "unavailable");
    const partial = outcomes.find((outcome) => outcome.kind === "partial");
    say("");
    return alertUser(
      unavailable && unavailable.kind === "unavailable"
        ? `The API is unavailable: ${unavailable.reason}. No figures are shown; try again shortly.`
        : `The API answered with errors and no figures (${partial && partial.kind === "partial" ? describeErrors(partial.errors) : "unknown"}). No figures are shown; try again shortly.`,
    );
  }
  const filter = $<HTMLSelectElement>("filter").value;
  const [filterKind, filterValue] = filter.split(":") as ["" | "region" | "force", string | undefined];
  const regionOfForce = (code: string) => forces?.find((force) => force.code === code)?.region;
  const keepGroup = (scope: string) => {
    if (filterKind === "region") return groupBy === "REGION" ? scope === filterValue : regionOfForce(scope) === filterValue;
    if (filterKind === "force") return scope === filterValue;
    return true;
  };
  const keepForce = (scope: string) => (filterKind === "region" ? regionOfForce(scope) === filterValue : true);
  const groups = groupsOf([...orderAnswers, ...breachAnswers], keepGroup);
  const periodText = `${monthLabel(from)} to ${monthLabel(to)}`;
  const figures = [
    monthlyFigure(
      "orders-made",
      "Interim and full orders made per month",
      ["interimOrdersMade", "fullOrdersMade"],
      months,
      orderAnswers,
      groups,
    ),
    monthlyFigure("orders-in-force", "Orders in force at the end of each month", ["activeOrders"], months, orderAnswers, groups),
    monthlyFigure(
      "breaches",
      "Breaches reported and convictions per month",
      ["breachesReported", "breachConvictions"],
      months,
      breachAnswers,
      groups,
    ),
    rankedFigure("ranked-forces", measure, periodText, period, keepForce),
  ];
  const container = $("charts");
  clearFigures(container);
  for (const figure of figures) renderFigure(container, figure);
  const partialBanner = $("partial");
  const withErrors = outcomes.filter((outcome) => outcome.kind === "partial" || outcome.kind === "unavailable");
  partialBanner.hidden = withErrors.length === 0;
  if (withErrors.length > 0) {
    const codes = withErrors.flatMap((outcome) => (outcome.kind === "partial" ? outcome.errors : [])).filter(Boolean);
    partialBanner.textContent =
      `Partial data: ${withErrors.length} of ${outcomes.length} requests came back with errors` +
      (codes.length > 0 ? ` (${describeErrors(codes)})` : "") +
      '. Figures the API did not give are marked "not available" and left out of the charts, never shown as zero.';
  }
  const groupingName = { NATIONAL: "nation", REGION: "region", FORCE: "force" }[groupBy];
  say(`Showing ${periodText}, grouped by ${groupingName}${withErrors.length > 0 ? " (partial)" : ""}.`);
}

setUpControls();
$("sign-out").addEventListener("click", () => signOut(null));
void setUpSignIn();
