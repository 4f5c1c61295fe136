import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { keepPhotosInPage } from '../utils/page/photos';

// The photos of a saved article, fetched in the page's own context (issue 22): injected by the
// background right after the save (activeTab + scripting, as capture.js), it leaves one function
// in Margin's isolated world, which the background then calls with the article's photos
// (utils/background/photos.ts). The page's scripts cannot see or call it.
export default defineUnlistedScript(() => {
  (globalThis as unknown as { __marginKeepPhotos: typeof keepPhotosInPage }).__marginKeepPhotos = keepPhotosInPage;
});
