/** Order request api-ids (place buy/sell, amend, cancel): what the engine's spacing must hold for. */
export const ORDER_API_IDS = new Set(['kt10000', 'kt10001', 'kt10002', 'kt10003']);
