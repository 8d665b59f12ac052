// Checks the harness itself: the simulator it started is reachable from the extension host.
import * as assert from 'assert';
import * as http from 'http';
import { simAdminUrl, simUrl } from './support/harness';

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('harness', () => {
  it('hands the simulator URLs to the extension host', () => {
    assert.match(simUrl(), /^http:\/\/127\.0\.0\.1:\d+/);
    assert.match(simAdminUrl(), /^http:\/\/127\.0\.0\.1:\d+/);
  });

  it('reaches the simulator over loopback HTTP', async () => {
    const status = await httpStatus(simUrl());
    assert.ok(status >= 200 && status < 500, `GET ${simUrl()} answered ${status}`);
  });
});
