// Entry of the script-tag build's request file: it runs as a classic script the
// SDK inserted (load-requests.script.ts) and hands the SDK its exports on its
// own element.
import * as requests from './requests.ts';

(document.currentScript as HTMLScriptElement & { cardframeRequests?: typeof requests }).cardframeRequests = requests;
