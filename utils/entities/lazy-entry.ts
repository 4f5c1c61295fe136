export { isKoreanText, recognizeEntities } from './index';
export { loadEnglishModel, needsEnglishModel } from './english-model';
export { loadKoreanModel } from './model/load';
