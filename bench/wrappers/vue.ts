// What an app adds by importing the Vue wrapper, beyond Vue and the SDK (see bench/sizes.ts).
export * from '../../packages/vue/src/index.ts';
