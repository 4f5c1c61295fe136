// The package's types describe its index; Margin imports the Readability file alone
// (see utils/extract/capture.ts), whose module.exports is the class itself.
declare module '@mozilla/readability/Readability.js' {
  import { Readability } from '@mozilla/readability';
  export default Readability;
}
