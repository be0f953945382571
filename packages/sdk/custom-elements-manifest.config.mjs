// What the SDK's custom-elements manifest covers; its build and the wrapper tests both analyze with it.
export default {
  globs: ['src/**/*.ts'],
  // The elements' base is their machinery: its members are not options a wrapper passes.
  exclude: ['src/base-element.ts'],
  litelement: true,
};
