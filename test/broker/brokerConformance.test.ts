import { createKiwoomBroker } from '../../src/broker/kiwoom/createKiwoomBroker.ts';
import { startPaperServer } from '../../src/paper/paperServer.ts';
import { describeBrokerConformance } from './brokerConformance.ts';

const UNLIMITED = { ordersPerSecond: Number.POSITIVE_INFINITY, queriesPerSecond: Number.POSITIVE_INFINITY };

describeBrokerConformance('KiwoomBroker over HTTP against the paper exchange', async (fixture) => {
  const server = await startPaperServer({
    account: {
      deposit: fixture.account.deposit,
      positions: [...fixture.account.positions],
      quotes: [...fixture.account.quotes],
    },
    liquidityPerStep: fixture.liquidityPerStep,
    pageSize: fixture.pageSize,
  });
  const broker = createKiwoomBroker({
    baseUrl: server.url,
    appKey: 'paper-app-key',
    secretKey: 'paper-secret-key',
    rateLimits: UNLIMITED,
  });
  return {
    broker,
    setPrice: (code, price) => server.exchange.setPrice(code, price),
    close: () => server.close(),
  };
});
