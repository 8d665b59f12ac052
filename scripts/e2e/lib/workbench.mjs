// Playwright helpers for the VS Code workbench (selectors from the recipe, checked on VS Code 1.100–1.139).
// Every helper takes the Playwright `page` first and waits for what it needs.

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
  const toast = page.locator(sel.toast).filter({ has: page.locator(sel.toastMessage, { hasText: text }) }).first();
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
