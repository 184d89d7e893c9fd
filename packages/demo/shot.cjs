const { chromium } = require('playwright-core');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
  const p = await b.newPage({ viewport: { width: 1400, height: 1000 } });
  await p.goto('file://' + process.argv[2]);
  const sel = process.argv[4];
  if (sel) { await p.locator(sel).first().screenshot({ path: process.argv[3] }); }
  else await p.screenshot({ path: process.argv[3], fullPage: true });
  await b.close();
})();
