// With JavaScript, the signup form answers in place; without it, the same form posts and redirects.
document.querySelectorAll("form[data-newsletter-signup]").forEach((form) => {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = form.querySelector(".newsletter-form__error");
    const input = form.querySelector("input[name=email]");
    const done = form.nextElementSibling;
    const button = form.querySelector("button");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const answer = await response.json();
      if (answer.ok) {
        form.hidden = true;
        done.textContent = answer.message;
        done.hidden = false;
        // The button that had focus is gone with the form: keep the reader here, on the answer.
        done.focus();
      } else {
        error.textContent = answer.error;
        input.setAttribute("aria-invalid", "true");
        input.focus();
      }
    } catch {
      form.submit();  // the network or the answer failed: let the plain form post do it
    } finally {
      button.disabled = false;
    }
  });
});
