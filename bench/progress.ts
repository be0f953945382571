/** One line on the console saying what the bench is doing now. */
export function step(name: string): void {
  console.log(`[bench] ${name}`);
}
