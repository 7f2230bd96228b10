export const presets = Object.freeze({});
