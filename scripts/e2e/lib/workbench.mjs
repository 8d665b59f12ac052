// Playwright helpers for the VS Code workbench (selectors from the recipe, checked on VS Code 1.100–1.139).
// Every helper takes the Playwright `page` first and waits for what it needs.
/* global document, getComputedStyle, window, MutationObserver */

export const sel = {
  workbench: '.monaco-workbench',
  activityEntry: (title) => `.part.activitybar a.action-label[aria-label="${title}"]`,
  sideBar: '.part.sidebar',
  sideBarTitle: '.part.sidebar .composite.title .title-label h2',
  pane: '.part.sidebar .pane',
  paneHeader: '.part.sidebar .pane-header',
  treeRow: '.part.sidebar .monaco-list-row[role="treeitem"]',
  treeLabel: '.label-name',
  treeDescription: '.label-description',
  quickInput: '.quick-input-widget .quick-input-box input',
  quickRow: '.quick-input-list .monaco-list-row',
  menuItem: '.monaco-menu .action-item .action-label',
  toast: '.notifications-toasts .notification-list-item',
  toastMessage: '.notifications-toasts .notification-list-item-message',
  toastButton: '.notification-list-item-buttons-container .monaco-button',
  panelText: '.part.panel .monaco-editor .view-lines',
};

/** Navigates to the workbench URL and waits until the workbench has rendered. */
export async function openWorkbench(page, url, { timeoutMs = 60000 } = {}) {
  await page.goto(url);
  await page.locator(sel.workbench).waitFor({ timeout: timeoutMs });
}

/**
 * The activity-bar entry of a view container, by its title. Its presence means the extension's
 * contributions are loaded. Built-in entries carry their keybinding ("Explorer (Ctrl+Shift+E)").
 */
export function activityEntry(page, title) {
  return page.locator(sel.activityEntry(title));
}

export async function waitForActivityEntry(page, title, { timeoutMs = 60000 } = {}) {
  await activityEntry(page, title).waitFor({ timeout: timeoutMs });
}

/** Clicks a view container's activity-bar entry (unless already open) and waits for its side bar. */
export async function openViewContainer(page, title) {
  const entry = activityEntry(page, title);
  const open = page.locator(sel.sideBarTitle, { hasText: title });
  if (!(await open.isVisible())) await entry.click();
  await open.waitFor();
}

export async function sideBarTitle(page) {
  return (await page.locator(sel.sideBarTitle).innerText()).trim();
}

/** A view (pane) in the open side bar, by its name ("Machines"; matching ignores case). */
export function viewPane(page, name) {
  return page.locator(sel.pane).filter({ has: page.locator('.pane-header h3.title', { hasText: name }) });
}

/** Names of the views in the open side bar, in order, as displayed (the theme upper-cases them). */
export async function viewNames(page) {
  return (await page.locator(`${sel.paneHeader} h3.title`).allInnerTexts()).map((s) => s.trim());
}

/** Expands a collapsed view so its tree is visible. */
export async function expandView(page, name) {
  const header = viewPane(page, name).locator('.pane-header');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
}

/** Tree rows of the side bar, or of one view with `{ view: 'Machines' }`. */
export function treeRows(page, { view } = {}) {
  return view ? viewPane(page, view).locator('.monaco-list-row[role="treeitem"]') : page.locator(sel.treeRow);
}

/** A tree row whose label contains `text`; waits for it to exist. */
export async function waitForTreeRow(page, text, { view, timeoutMs } = {}) {
  const row = treeRows(page, { view }).filter({ has: page.locator(sel.treeLabel, { hasText: text }) }).first();
  await row.waitFor({ timeout: timeoutMs });
  return row;
}

/** The labels of the tree rows (of one view with `{ view }`), top to bottom. */
export async function treeLabels(page, { view } = {}) {
  return (await treeRows(page, { view }).locator(sel.treeLabel).allInnerTexts()).map((s) => s.trim());
}

/** Expands a collapsed tree row (no-op when already expanded or a leaf). */
export async function expandTreeRow(row) {
  if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
}

/** Runs a command from the palette by its title as shown there ("DBC: Create VM"). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator(sel.quickInput);
  await input.waitFor();
  await input.fill(`>${title}`); // fill() replaces the prefilled ">", so it is typed again
  await page.locator(sel.quickRow, { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Types into an open input box (window.showInputBox) and accepts it. */
export async function answerInputBox(page, text) {
  const input = page.locator(sel.quickInput);
  await input.waitFor();
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Picks the entry containing `label` in an open quick pick. */
export async function pickQuickItem(page, label) {
  await page.locator(sel.quickRow, { hasText: label }).first().click();
}

/** Waits for a notification toast whose message contains `text`; returns the toast. */
export async function waitForNotification(page, text, { timeoutMs } = {}) {
  // The inner locator is matched inside each toast, so it must not repeat the .notifications-toasts ancestor.
  const toast = page.locator(sel.toast).filter({ has: page.locator('.notification-list-item-message', { hasText: text }) }).first();
  await toast.waitFor({ timeout: timeoutMs });
  return toast;
}

/** The messages of the visible notification toasts. */
export async function readNotifications(page) {
  return (await page.locator(sel.toastMessage).allInnerTexts()).map((s) => s.trim());
}

export async function clickNotificationButton(page, messageText, buttonLabel) {
  const toast = await waitForNotification(page, messageText);
  await toast.locator(sel.toastButton, { hasText: buttonLabel }).click();
}

/** Right-clicks `row` and returns the context-menu entry `label` (the menu lives in a shadow root). */
export async function openContextMenu(page, row, label) {
  await row.click({ button: 'right' });
  const item = page.locator(sel.menuItem, { hasText: label }).first();
  await item.waitFor();
  return item;
}

/** Right-clicks the tree row `rowText` and clicks its context-menu entry `label`. */
export async function runContextMenu(page, rowText, label, { view } = {}) {
  const row = await waitForTreeRow(page, rowText, { view });
  const item = await openContextMenu(page, row, label);
  await item.click();
}

/** The context menu fades in (not covered by reduceMotion): hover and settle before a screenshot. */
export async function highlightMenuItem(page, item) {
  await item.hover();
  await page.waitForTimeout(300);
}

/** Waits until the panel (e.g. an output channel) shows `text`. */
export async function waitForPanelText(page, text, { timeoutMs } = {}) {
  await page.locator(sel.panelText).filter({ hasText: text }).first().waitFor({ timeout: timeoutMs });
}

/** Closes menus, quick inputs and the like, to bring the UI back to a known state after a failed step. */
export async function dismissTransientUi(page) {
  for (let i = 0; i < 2; i++) await page.keyboard.press('Escape').catch(() => {});
}

// ---- Row state, inline actions, tooltips, quick inputs, dialogs (used by the journey) ----

const ROW_ICON = '.custom-view-tree-node-item-icon';

/** What a tree row shows: label, description, its codicon id ("vm-running", "loading") and whether it spins. */
export async function rowState(row) {
  return row.evaluate((el, iconSel) => {
    const icon = el.querySelector(iconSel);
    const classes = icon ? [...icon.classList] : [];
    const codicon = classes.find((c) => c.startsWith('codicon-') && c !== 'codicon-modifier-spin');
    return {
      label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: el.querySelector('.label-description')?.textContent?.trim() ?? '',
      icon: codicon ? codicon.slice('codicon-'.length) : '',
      spinning: classes.includes('codicon-modifier-spin'),
      expanded: el.getAttribute('aria-expanded'),
    };
  }, ROW_ICON);
}

function matches(value, expected) {
  if (expected === undefined) return true;
  return expected instanceof RegExp ? expected.test(value) : value.includes(expected);
}

/** Polls `probe()` until it returns a truthy value (returned) or `timeoutMs` passes (throws `what`). */
export async function waitUntil(what, probe, { timeoutMs = 30000, everyMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms; expected ${typeof what === 'function' ? what() : what}`
        + `${last ? ` (last error: ${String(last.message ?? last).split('\n')[0]})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Waits until the row labelled `text` shows `description` (substring or RegExp) and/or the codicon `icon`
 * (with `spinning: true|false` if given). Returns the row's last state. The timeout error says what it showed.
 */
export async function waitForRowState(page, text, { view, description, icon, spinning, timeoutMs = 30000 } = {}) {
  const row = treeRows(page, { view }).filter({ has: page.locator(sel.treeLabel, { hasText: text }) }).first();
  let seen = null;
  await waitUntil(() => `row "${text}" to show ${JSON.stringify({ description: String(description ?? ''), icon, spinning })}; `
    + `it showed ${JSON.stringify(seen)}`, async () => {
    if (!(await row.count())) {
      seen = 'no such row';
      return false;
    }
    seen = await rowState(row);
    return matches(seen.description, description) && (icon === undefined || seen.icon === icon)
      && (spinning === undefined || seen.spinning === spinning);
  }, { timeoutMs });
  return seen;
}

/** Waits until no row of the view is labelled `text`. */
export async function waitForTreeRowGone(page, text, { view, timeoutMs = 30000 } = {}) {
  const rows = treeRows(page, { view }).filter({ has: page.locator(sel.treeLabel, { hasText: text }) });
  await waitUntil(`row "${text}" to disappear`, async () => (await rows.count()) === 0, { timeoutMs });
}

/** Hovers `row` and clicks its inline action `label` (the aria-label, i.e. the command title). */
export async function clickInlineAction(page, row, label) {
  await row.hover();
  const action = row.locator(`.actions .action-label[aria-label="${label}"]`);
  await action.click();
}

/** Right-clicks `row` and returns the labels of its context menu (left open). */
export async function contextMenuLabels(page, row) {
  await row.click({ button: 'right' });
  const items = page.locator(sel.menuItem);
  await items.first().waitFor();
  return (await items.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
}

/**
 * Triggers an entry of an open context menu. A click right after the menu opened is sometimes dropped
 * (the menu is still fading in), so the entry is hovered until it is highlighted, then Enter is pressed;
 * resolves once the menu has closed.
 */
export async function chooseMenuItem(page, item) {
  const entry = item.locator('xpath=ancestor::li[contains(@class,"action-item")][1]');
  await waitUntil('the menu entry to be highlighted', async () => {
    await item.hover();
    return /\bfocused\b/.test((await entry.getAttribute('class')) ?? '');
  }, { timeoutMs: 10000, everyMs: 150 });
  await page.keyboard.press('Enter');
  await item.waitFor({ state: 'detached', timeout: 10000 });
}

/** Right-clicks `row` and triggers its context-menu entry `label` (see chooseMenuItem). */
export async function runRowMenu(page, row, label) {
  await chooseMenuItem(page, await openContextMenu(page, row, label));
}

/** Hovers the label of `row` and returns the text of the hover (tooltip) that opens. */
export async function showTooltip(page, row, { timeoutMs = 15000 } = {}) {
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /\S/ }).first();
  const until = Date.now() + timeoutMs;
  // A pointer already resting on the label sends no new mouseover: move off and back until a hover shows.
  for (;;) {
    await page.mouse.move(0, 0);
    await row.locator(sel.treeLabel).hover();
    try {
      await hover.waitFor({ timeout: Math.min(5000, Math.max(1, until - Date.now())) });
      return (await hover.innerText()).trim();
    } catch (err) {
      if (Date.now() >= until) throw err;
    }
  }
}

/** Moves the mouse off the side bar and presses Escape until no hover (tooltip) is shown. */
export async function hideTooltip(page) {
  const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: /\S/ });
  const box = await page.locator('.part.editor').boundingBox();
  if (box) await page.mouse.move(box.x + box.width - 20, box.y + box.height - 20);
  await waitUntil('the tooltip to close', async () => {
    if (!(await hover.count()) || !(await hover.first().isVisible())) return true;
    await page.keyboard.press('Escape');
    return false;
  }, { timeoutMs: 10000, everyMs: 200 });
}

/** The open quick input (pick or input box), or `{ visible: false }`. */
export async function quickInputState(page) {
  return page.evaluate(() => {
    const w = document.querySelector('.quick-input-widget');
    if (!w || getComputedStyle(w).display === 'none') return { visible: false };
    const text = (s, root = w) => root.querySelector(s)?.textContent?.trim() ?? '';
    const input = w.querySelector('.quick-input-box input');
    const list = w.querySelector('.quick-input-list');
    const listShown = list && getComputedStyle(list).display !== 'none';
    const rows = listShown ? [...w.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => ({
      label: text('.label-name', r),
      description: text('.label-description', r),
      detail: r.querySelectorAll('.quick-input-list-row')[1]?.textContent?.trim() ?? '',
      text: r.textContent?.trim() ?? '',
      focused: r.classList.contains('focused'),
      checked: r.querySelector('input[type="checkbox"]')?.checked ?? r.getAttribute('aria-checked') === 'true',
    })) : [];
    return {
      visible: true,
      title: text('.quick-input-title'),
      message: text('.quick-input-message'),
      value: input?.value ?? '',
      placeholder: input?.getAttribute('placeholder') ?? '',
      password: input?.type === 'password',
      rows,
    };
  });
}

/** Waits for a quick input whose title and/or message (prompt) match; returns its state. */
export async function waitForQuickInput(page, { title, message, timeoutMs = 30000 } = {}) {
  let seen;
  return waitUntil(() => `a quick input ${JSON.stringify({ title: String(title ?? ''), message: String(message ?? '') })}; saw ${JSON.stringify(seen)}`, async () => {
    seen = await quickInputState(page);
    return seen.visible && matches(seen.title, title) && matches(seen.message, message) ? seen : false;
  }, { timeoutMs });
}

export async function waitForQuickInputClosed(page, { timeoutMs = 30000 } = {}) {
  await waitUntil('the quick input to close', async () => !(await quickInputState(page)).visible, { timeoutMs });
}

/** A modal dialog (window.showWarningMessage with modal: true), optionally with `message` in its text. */
export async function waitForDialog(page, { message, timeoutMs = 30000 } = {}) {
  const dialog = page.locator('.monaco-dialog-box').filter(message ? { hasText: message } : {}).first();
  await dialog.waitFor({ timeout: timeoutMs });
  return dialog;
}

/** Clicks `button` in the open modal dialog (with `message`); returns the dialog's text. */
export async function answerDialog(page, button, { message, timeoutMs } = {}) {
  const dialog = await waitForDialog(page, { message, timeoutMs });
  const text = (await dialog.innerText()).trim();
  await dialog.locator('.dialog-buttons .monaco-button', { hasText: button }).first().click();
  await dialog.waitFor({ state: 'detached', timeout: 10000 }).catch(() => {});
  return text;
}

/** The visible lines of the panel's editor (an output channel, a terminal is not an editor). */
export async function panelLines(page) {
  const lines = page.locator(`${sel.panelText} .view-line`);
  return (await lines.allInnerTexts()).map((s) => s.replace(/\u00a0/g, ' '));
}

/** Drags the side bar's edge so it is `width` px wide (best effort: the layout may clamp it). */
export async function setSideBarWidth(page, width) {
  const box = await page.locator(sel.sideBar).boundingBox();
  if (!box || Math.abs(box.width - width) < 4) return;
  const x = box.x + box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(x - 1, y);
  await page.mouse.down();
  await page.mouse.move(x + (width - box.width) / 2, y, { steps: 4 });
  await page.mouse.move(box.x + width, y, { steps: 4 });
  await page.mouse.up();
}

/** Collapses a view (pane) of the open side bar. */
export async function collapseView(page, name) {
  const header = viewPane(page, name).locator('.pane-header');
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
}

/**
 * Starts recording every notification message the page shows (toasts hide themselves after a while, so
 * a later look can miss one). Idempotent; `notificationsSeen` returns the messages in order of appearance.
 */
export async function recordNotifications(page) {
  await page.evaluate(() => {
    if (window.__dbcNotifications) return;
    const seen = [];
    const known = new WeakSet();
    const scan = () => {
      for (const el of document.querySelectorAll('.notification-list-item-message')) {
        const text = el.textContent?.trim();
        if (!text || known.has(el)) continue;
        known.add(el);
        if (seen.at(-1) !== text) seen.push(text);
      }
    };
    window.__dbcNotifications = seen;
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
    scan();
  });
}

export async function notificationsSeen(page) {
  return page.evaluate(() => window.__dbcNotifications ?? []);
}

/**
 * Waits until a notification matching `text` (substring or RegExp) has been shown, even if it has hidden
 * itself since; only messages from index `since` on count (take `(await notificationsSeen(page)).length`
 * before the action). Starts the recorder if needed; returns the message.
 */
export async function waitForNotificationSeen(page, text, { since = 0, timeoutMs = 30000 } = {}) {
  await recordNotifications(page);
  let all = [];
  return waitUntil(() => `a notification ${text}; seen: ${all.slice(since).join(' | ') || 'none'}`, async () => {
    all = await notificationsSeen(page);
    return all.slice(since).find((m) => matches(m, text)) ?? false;
  }, { timeoutMs, everyMs: 150 });
}
