export { recognizeArticle, extensionModels } from './recognizer';
