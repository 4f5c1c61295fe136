export { recognizeEntities } from './index';
export { loadEnglishModel, needsEnglishModel } from './english-model';
