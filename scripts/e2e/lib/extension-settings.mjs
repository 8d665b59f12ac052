// The one place that knows how the extension is pointed at a simulator: user settings and env.
// Adjust here when the extension's setting names change; every script goes through these two functions.

/** User settings (settings.json) that make the extension talk to `sim`: its client node, and its chain (never the real one). */
export function settingsForSimulator(sim) {
  return {
    'dbc.endpoints': [{ url: sim.url, name: 'dbc-sim', nodes: sim.nodes.map((n) => n.id) }],
    'dbc.chain.rpcUrl': `${sim.url}/`,
  };
}

/** Environment for the extension host (in-host tests read it). */
export function envForSimulator(sim) {
  return { DBC_SIM_URL: sim.url, DBC_SIM_ADMIN_URL: sim.adminUrl };
}
