import { defaultSettleMs } from './defaultSettleMs.ts';
import type { EngineOptions } from './EngineOptions.ts';
import type { EngineSettings } from './OrderContext.ts';
import { pollSettings } from './pollSettings.ts';

/** The settings of an Engine's jobs: the engine config section, with the options' overrides and defaults. */
export function engineSettings(
  options: Pick<EngineOptions, 'config' | 'settleMs' | 'spacingMarginMs' | 'brokerRetryMaxMs' | 'stallNoticeMs'>,
): EngineSettings {
  const { config } = options;
  return {
    orderIntervalMs: config.ORDER_INTERVAL_MS,
    maxOrderValue: config.MAX_ORDER_VALUE,
    orderType: config.ORDER_TYPE,
    settleMs: options.settleMs ?? defaultSettleMs(config),
    spacingMarginMs: options.spacingMarginMs ?? 50,
    clockSkewMs: config.CLOCK_SKEW_MS,
    maxClockOffsetMs: config.MAX_CLOCK_OFFSET_MS,
    marketSession: config.MARKET_SESSION ?? 'always',
    extraClosedDays: config.EXTRA_CLOSED_DAYS,
    ...(options.brokerRetryMaxMs !== undefined ? { brokerRetryMaxMs: options.brokerRetryMaxMs } : {}),
    ...(options.stallNoticeMs !== undefined ? { stallNoticeMs: options.stallNoticeMs } : {}),
    ...pollSettings(config),
  };
}
