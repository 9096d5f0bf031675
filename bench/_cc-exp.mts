import { ConnectorClient, MicrosoftAppCredentials } from 'botframework-connector';
const creds = new MicrosoftAppCredentials('', '');
for (let r = 0; r < 3; r++) {
  const N = 50000; const t = performance.now();
  for (let i = 0; i < N; i++) new ConnectorClient(creds as any, { baseUri: 'http://127.0.0.1:1234/', userAgent: 'x' } as any);
  console.log('new ConnectorClient', ((performance.now() - t) * 1000 / N).toFixed(2), 'µs');
}
