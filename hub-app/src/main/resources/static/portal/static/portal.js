/* Portal behaviour beyond htmx: small, CSP-safe (no eval, no inline handlers); every page works without it. */
"use strict";
