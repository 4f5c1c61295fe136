// The local page server lives beside the scripts (`npm start` serves its pages too); tests use it from there.
export * from '../../scripts/lib/server';
