// The project's folders: defined beside the scripts, which tests may import (never the reverse).
export * from '../../scripts/lib/paths';
