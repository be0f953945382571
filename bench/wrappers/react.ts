// What an app adds by importing the React wrapper, beyond React and the SDK (see bench/sizes.ts).
export * from '../../packages/react/src/index.ts';
