// The user journey through the DBC extension in a real VS Code, one named step at a time.
// Add steps at the end: each gets ctx = { page, stack, sim, shot, state } (state carries values between
// steps, e.g. the id of the VM a step created) and is followed by a screenshot. Mark a step
// `critical: false` when later steps do not build on it. See run-steps.mjs for the rules.
import assert from 'node:assert/strict';
import {
  openViewContainer, openWorkbench, sideBarTitle, treeLabels, viewNames, waitForActivityEntry, waitForTreeRow,
} from '../lib.mjs';

export const steps = [
  {
    name: 'workbench loads with the DBC activity-bar entry',
    timeoutMs: 90000,
    async run({ page, stack }) {
      await openWorkbench(page, stack.url);
      await waitForActivityEntry(page, 'DBC');
    },
  },
  {
    name: 'DBC side bar opens with its Machines view',
    async run({ page }) {
      await openViewContainer(page, 'DBC');
      assert.equal((await sideBarTitle(page)).toUpperCase(), 'DBC');
      const views = (await viewNames(page)).map((v) => v.toUpperCase());
      assert.ok(views.includes('MACHINES'), `views in the DBC side bar: ${views.join(', ')}`);
    },
  },
  {
    name: 'Machines view lists the simulator and its GPU nodes',
    critical: false,
    async run({ page, sim }) {
      await waitForTreeRow(page, 'dbc-sim', { view: 'Machines' });
      for (const node of sim.nodes) await waitForTreeRow(page, node.name, { view: 'Machines' });
      const labels = await treeLabels(page, { view: 'Machines' });
      assert.ok(labels.length > sim.nodes.length, `Machines rows: ${labels.join(' | ')}`);
    },
  },
];
