/** Types of bench/lib/switch-off.mjs (bench-only price-tag switches). */
export declare const SWITCHES: Record<string, { short: string; what: string; patches: { file: string; find: string; replace: string }[] }>;
