// rempart — after a step-up, posts at once the form that waited for it (the page also has the
// button, for a browser without JavaScript). Served from our origin: the CSP allows no inline script.

const form = document.querySelector('form[data-reprendre]');
if (form) form.requestSubmit();
