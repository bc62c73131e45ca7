/**
 * An objective change smaller than this (in won) is float noise, not an improvement: local moves must gain more,
 * which also guarantees the searches end.
 */
export const MIN_GAIN = 1e-6;
