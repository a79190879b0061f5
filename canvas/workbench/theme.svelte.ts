/** Light, dark, or the system's choice; remembered on this device. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'weavemap.theme';
const media = matchMedia('(prefers-color-scheme: dark)');

class Theme {
  choice = $state<ThemeChoice>((localStorage.getItem(KEY) as ThemeChoice | null) ?? 'system');
  system = $state<'light' | 'dark'>(media.matches ? 'dark' : 'light');
  get effective(): 'light' | 'dark' {
    return this.choice === 'system' ? this.system : this.choice;
  }
  constructor() {
    media.addEventListener('change', (e) => {
      this.system = e.matches ? 'dark' : 'light';
      this.apply();
    });
    this.apply();
  }
  set(choice: ThemeChoice): void {
    this.choice = choice;
    localStorage.setItem(KEY, choice);
    this.apply();
  }
  toggle(): void {
    this.set(this.effective === 'dark' ? 'light' : 'dark');
  }
  apply(): void {
    document.documentElement.dataset.theme = this.effective;
  }
}

export const theme = new Theme();
