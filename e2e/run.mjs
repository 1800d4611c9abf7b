// Browser tests of `attache serve`: headless Debian Chromium, driven by playwright-core.
//
// Run against a running server:
//   ATTACHE_URL=http://127.0.0.1:8080 node e2e/run.mjs
// `cargo test -p attache --test serve_e2e` builds a store from the team's articles, starts
// `attache serve` on it and runs this file with these variables set:
//   ATTACHE_URL        the server (required)
//   ATTACHE_E2E_DYAD   a dyad with events, "A/B" (default: the most active one)
//   ATTACHE_E2E_ARTICLE an article id with events (default: the newest event's article)
//   ATTACHE_E2E_HOSTILE the id of an article full of markup (optional)
//   ATTACHE_E2E_SHOTS  where screenshots go (default: e2e/screenshots)
//   CHROMIUM           the browser (default: /usr/bin/chromium)
// Any console error (a CSP violation included), page error or JavaScript dialog fails a test.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const base = (process.env.ATTACHE_URL || "").replace(/\/$/, "");
const shots = process.env.ATTACHE_E2E_SHOTS || join(here, "screenshots");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";

if (!base) {
  console.error("ATTACHE_URL is not set: start `attache serve` and point ATTACHE_URL at it");
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

let context;
let profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), "attache-e2e-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1360, height: 900 },
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
});

after(async () => {
  if (context) await context.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

// A page that records every console error, page error and dialog.
async function open(path) {
  const page = await context.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push("console: " + m.text()); });
  page.on("pageerror", (e) => problems.push("page error: " + e.message));
  page.on("dialog", async (d) => { problems.push("dialog: " + d.message()); await d.dismiss(); });
  const response = await page.goto(base + path, { waitUntil: "networkidle" });
  return { page, problems, response };
}

async function json(path) {
  const r = await fetch(base + path);
  assert.equal(r.status, 200, path);
  return r.json();
}

async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(shots, name), fullPage: true });
}

test("the overview draws the type heatmap and lists dyads and stories", async () => {
  const { page, problems, response } = await open("/");
  assert.equal(response.status(), 200);
  const csp = response.headers()["content-security-policy"] || "";
  assert.match(csp, /script-src 'self'/);
  await page.waitForSelector("figure[data-chart=types] svg rect.cell");
  const cells = await page.locator("figure[data-chart=types] svg rect.cell").count();
  assert.ok(cells >= 16, `heatmap cells: ${cells}`);
  const filled = await page.evaluate(() =>
    [...document.querySelectorAll("figure[data-chart=types] rect.cell")]
      .filter((r) => Number(r.getAttribute("fill-opacity")) > 0.1).length);
  assert.ok(filled > 0, "some heatmap cells hold happenings");
  // Every cell that holds happenings shows its number.
  const numbers = await page.evaluate(() =>
    [...document.querySelectorAll("figure[data-chart=types] text.cell-n")].map((t) => Number(t.textContent)));
  assert.equal(numbers.length, filled, "one number per filled cell");
  assert.ok(numbers.every((n) => n > 0), `cell numbers: ${numbers}`);
  // The heatmap shows the bulk of the happenings: an undated article dated by the day it was
  // first seen, months after the rest, must not push them out of the 52-week window.
  const shown = numbers.reduce((a, n) => a + n, 0);
  const total = await page.evaluate(async () => {
    const r = await fetch("/api/series/types?by=week");
    const j = await r.json();
    return j.buckets.reduce((a, b) => a + b.events, 0);
  });
  assert.ok(shown * 2 > total, `the heatmap shows ${shown} of ${total} happenings`);
  assert.ok(await page.locator("table.dyads tbody tr").count() > 0, "dyads listed");
  // The dyads table fits its card: nothing sticks out of the right edge.
  const fit = await page.evaluate(() => {
    const t = document.querySelector("table.dyads");
    const card = t.closest(".card").getBoundingClientRect();
    const right = Math.max(...[...t.querySelectorAll("th, td")].map((c) => c.getBoundingClientRect().right));
    return { right, card: card.right };
  });
  assert.ok(fit.right <= fit.card, `dyads table ends at ${fit.right}, its card at ${fit.card}`);
  assert.ok(await page.locator("ul.stories li").count() > 0, "stories listed");
  await shot(page, "overview.png");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a dyad page draws bars and intensity points and lists events with evidence links", async () => {
  let dyad = process.env.ATTACHE_E2E_DYAD;
  if (!dyad) {
    const top = await json("/api/dyads?limit=1");
    assert.ok(top.dyads.length > 0, "the store has a dyad");
    dyad = `${top.dyads[0].source}/${top.dyads[0].target}`;
  }
  const { page, problems } = await open(`/dyads/${dyad}?by=day`);
  await page.waitForSelector("figure.timeline svg rect.bar");
  const bars = await page.locator("figure.timeline svg rect.bar").count();
  const points = await page.locator("figure.timeline svg circle.pt").count();
  const buckets = Number(await page.locator("figure.timeline").getAttribute("data-points"));
  assert.ok(bars > 0, `bars: ${bars}`);
  assert.ok(points > 0 && points <= buckets, `points: ${points} of ${buckets} buckets`);
  // Hovering a bucket shows its numbers.
  await page.locator("figure.timeline svg rect.hit").first().hover();
  await page.waitForSelector("figure.timeline .tip", { state: "visible" });
  assert.match(await page.locator("figure.timeline .tip").innerText(), /happening/);
  const rows = await page.locator("table.events tbody tr").count();
  assert.ok(rows > 0, "events listed");
  // Evidence shows the phrase (who did what to whom), the trigger in bold, not one word.
  const phrase = await page.locator("a.evidence-link").first().innerText();
  assert.ok(phrase.trim().split(/\s+/).length >= 3, `evidence phrase: ${phrase}`);
  assert.equal(await page.locator("a.evidence-link").first().locator("b").count(), 1);
  const link = await page.locator("a.evidence-link").first().getAttribute("href");
  assert.match(link, /^\/articles\/[^#]+#ev-/);
  await shot(page, "dyad.png");
  assert.deepEqual(problems, []);
  await page.close();
});

test("an article page highlights mentions and evidence, and links evidence to events", async () => {
  let id = process.env.ATTACHE_E2E_ARTICLE;
  if (!id) {
    const page = await json("/api/events?limit=1");
    assert.ok(page.events.length > 0, "the store has an event");
    id = page.events[0].article_id;
  }
  const article = await json(`/api/articles/${id}`);
  const { page, problems } = await open(`/articles/${id}`);
  const marks = await page.locator("article mark.evidence[id]").count();
  assert.equal(marks, article.events.length, "one anchored evidence mark per event");
  assert.ok(marks > 0, "the article has evidence");
  assert.ok(await page.locator("article .mention").count() > 0, "mentions highlighted");
  const visible = await page.locator("article mark.evidence").first().isVisible();
  assert.ok(visible, "evidence is visible");
  const bg = await page.locator("article mark.evidence").first().evaluate((n) => getComputedStyle(n).backgroundColor);
  assert.notEqual(bg, "rgba(0, 0, 0, 0)", "evidence has a highlight colour");
  // Clicking evidence selects its event card; a card's link targets its evidence.
  const first = article.events[0].id;
  await page.locator(`mark.evidence[data-event="${first}"]`).first().click();
  assert.ok(await page.locator(`#event-${first}.active`).count() === 1, "the event card is selected");
  await page.locator(`#event-${first} a.ev-num`).click();
  assert.equal(await page.evaluate(() => location.hash), `#ev-${first}`);
  assert.ok(await page.locator(`[id="ev-${first}"]:target`).count() === 1);
  // Rule boxes wrap at spaces (a word is broken only when longer than the box).
  const wrap = await page.locator(".rule").first().evaluate((n) => getComputedStyle(n).wordBreak);
  assert.notEqual(wrap, "break-all", "rules break at spaces");
  await shot(page, "article.png");
  assert.deepEqual(problems, []);
  await page.close();
});

test("hostile article text is shown as text and runs nothing", { skip: !process.env.ATTACHE_E2E_HOSTILE }, async () => {
  const id = process.env.ATTACHE_E2E_HOSTILE;
  const { page, problems } = await open(`/articles/${id}`);
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => s.src));
  assert.deepEqual(scripts, [base + "/assets/app.js"], "only the dashboard's own script");
  assert.equal(await page.locator("[onerror]").count(), 0, "no injected handlers");
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, "no javascript: links");
  assert.match(await page.locator("h1").innerText(), /<script>alert\('title'\)<\/script>/);
  assert.match(await page.locator("article").innerText(), /<script>alert\('body'\)<\/script>/);
  await shot(page, "hostile.png");
  assert.deepEqual(problems, []);
  await page.close();
});

test("story, search and events pages render without errors", async () => {
  const stories = await json("/api/stories?limit=20");
  assert.ok(stories.stories.length > 0);
  const widest = stories.stories.reduce((a, b) => (b.outlets > a.outlets ? b : a));
  for (const [path, name, selector] of [
    [`/stories/${widest.id}`, "story.png", ".outlet"],
    ["/search?q=ceasefire", "search.png", "ul.hits li"],
    ["/events?type=THREATEN", "events.png", "table.events tbody tr"],
    ["/actors/PAK", "actor.png", "table.counterparts tbody tr"],
  ]) {
    const { page, problems } = await open(path);
    assert.ok(await page.locator(selector).count() > 0, `${path}: ${selector}`);
    await shot(page, name);
    assert.deepEqual(problems, [], path);
    await page.close();
  }
});

test("the week axis of a dyad timeline ends at the data", async () => {
  const dyad = process.env.ATTACHE_E2E_DYAD || "PAK/AFG";
  const { page, problems } = await open(`/dyads/${dyad}?by=week`);
  await page.waitForSelector("figure.timeline svg rect.bar");
  const ends = await page.evaluate(() => {
    const svg = document.querySelector("figure.timeline svg");
    const base = [...svg.querySelectorAll("g.axis line")].find((l) => l.getAttribute("y1") === l.getAttribute("y2") && !l.classList.length);
    const bars = [...svg.querySelectorAll("rect.bar")].map((r) => Number(r.getAttribute("x")) + Number(r.getAttribute("width")));
    return { axisEnd: Number(base.getAttribute("x2")), axisStart: Number(base.getAttribute("x1")), lastBar: Math.max(...bars) };
  });
  // At most a bar's margin (a fifth of one week of twelve) after the last bar.
  const week = (ends.axisEnd - ends.axisStart) / 12;
  assert.ok(ends.axisEnd - ends.lastBar <= week * 0.2 + 1, `axis ends ${ends.axisEnd - ends.lastBar} px after the data`);
  await shot(page, "dyad-week.png");
  assert.deepEqual(problems, []);
  await page.close();
});

test("on a phone no page is wider than the screen", async () => {
  const dyad = process.env.ATTACHE_E2E_DYAD || "PAK/AFG";
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [path, name] of [["/", "mobile-overview.png"], [`/dyads/${dyad}`, "mobile-dyad.png"],
    ["/events", "mobile-events.png"], ["/actors/PAK", "mobile-actor.png"], ["/stories", "mobile-stories.png"]]) {
    await page.goto(base + path, { waitUntil: "networkidle" });
    const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
    assert.ok(scroll <= client, `${path}: ${scroll} px wide on a ${client} px screen`);
    await shot(page, name);
  }
  await page.close();
});
