// Declarations only: nothing to run, and not a script of the project.
declare function App<T>(options: T & Record<string, unknown>): void
declare function Page(options: Record<string, unknown>): void
