import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MemoryBindingStore, type BindingStoreJson } from './binding-store.ts';

/**
 * A {@link MemoryBindingStore} saved to one JSON file after every change
 * (written beside and renamed over, so a crash leaves the old or the new
 * file, never half of one). One process only: several issuer instances need
 * a database behind the {@link BindingStore} interface.
 */
export class JsonFileBindingStore extends MemoryBindingStore {
  readonly #path: string;
  #writing: Promise<void> = Promise.resolve();

  private constructor(path: string, initial?: BindingStoreJson) {
    super(initial);
    this.#path = path;
  }

  /** Opens the store at `path` (e.g. `<data dir>/bindings.json`), empty if the file does not exist yet. */
  static async open(path: string): Promise<JsonFileBindingStore> {
    let text: string | undefined;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) return new JsonFileBindingStore(path);
    const json = JSON.parse(text) as Partial<BindingStoreJson>;
    return new JsonFileBindingStore(path, { passkeys: json.passkeys ?? [], userHandles: json.userHandles ?? {}, wallets: json.wallets ?? {} });
  }

  protected override changed(): Promise<void> {
    const text = `${JSON.stringify(this.toJSON(), null, 2)}\n`;
    // Writes queue up so that the file always ends with the latest state.
    this.#writing = this.#writing.catch(() => undefined).then(async () => {
      await mkdir(dirname(this.#path), { recursive: true });
      const temporary = `${this.#path}.${process.pid}.tmp`;
      await writeFile(temporary, text, { mode: 0o600 });
      await rename(temporary, this.#path);
    });
    return this.#writing;
  }
}
