// the same runtime for development builds and the unit tests (their JSX asks for jsx-dev-runtime)
export * from './jsx-runtime';
