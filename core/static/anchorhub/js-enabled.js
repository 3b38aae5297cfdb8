// Runs at the start of <body>, before the page paints, as the GOV.UK Frontend template does inline
// (inline scripts are not allowed by our Content-Security-Policy).
document.body.className += " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
