// Chromium with the extension loaded lives beside the scripts (`npm start` uses it too); tests use it from there.
export * from '../../scripts/lib/browser';
