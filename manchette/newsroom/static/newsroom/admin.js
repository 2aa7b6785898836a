/*
 * Names the edit form's fields that Wagtail's widgets leave unnamed for screen readers:
 * the rich-text editors of the article body (Draftail's textbox), the tag input added by
 * tag-it, and the raw inputs of some stream blocks. Each gets the visible label of the
 * field or block it belongs to. Blocks added later are named as they appear.
 */
(() => {
    const FIELDS = 'input:not([type="hidden"]), textarea, select, [role="textbox"]';

    const hasName = (element) =>
        element.getAttribute('aria-label') ||
        element.getAttribute('aria-labelledby') ||
        (element.id && document.querySelector(`label[for="${CSS.escape(element.id)}"]`)) ||
        element.closest('label');

    const textOf = (element) => (element ? element.textContent.replace(/\*/g, '').trim() : '');

    // The heading of the stream block the element sits in, else the label of its field
    // (which may belong to an input the widget hid), else the heading of its panel.
    const nameField = (element) => {
        const wrapper = element.closest('[data-field-wrapper]');
        const section = element.closest('section[aria-labelledby]');
        const heading = section && document.getElementById(section.getAttribute('aria-labelledby'));
        if (heading && textOf(heading) && (!wrapper || wrapper.contains(section))) {
            element.setAttribute('aria-labelledby', heading.id);
            return;
        }
        const labels = wrapper
            ? [...wrapper.querySelectorAll('[id]')].map((input) =>
                  document.querySelector(`label[for="${CSS.escape(input.id)}"]`))
            : [];
        const text = textOf(labels.find((label) => textOf(label))) || textOf(heading);
        if (text) element.setAttribute('aria-label', text);
    };

    const nameFields = () => {
        document.querySelectorAll(FIELDS).forEach((element) => {
            if (!hasName(element)) nameField(element);
        });
    };

    const start = () => {
        nameFields();
        new MutationObserver(nameFields).observe(document.body, { childList: true, subtree: true });
    };

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();

/*
 * The publishing schedule dialog: says the date format and that times are the newsroom's
 * (the server's TIME_ZONE, whatever the browser's zone), and closes a date picker when Tab
 * leaves its field, so the expiry picker never covers the "save schedule" button.
 */
(() => {
    const script = document.currentScript;
    const SCHEDULE_FIELDS = 'input[name="go_live_at"], input[name="expire_at"]';

    const addHint = () => {
        const dialog = document.getElementById('schedule-publishing-dialog');
        if (!dialog || !script || document.getElementById('newsroom-schedule-hint')) return;
        const fields = dialog.querySelectorAll(SCHEDULE_FIELDS);
        if (!fields.length) return;
        const hint = document.createElement('p');
        hint.id = 'newsroom-schedule-hint';
        hint.className = 'newsroom-schedule-hint';
        hint.textContent = script.dataset.scheduleHint;
        fields[0].closest('.w-panel__content, .w-field__wrapper, fieldset')?.before(hint);
        fields.forEach((field) => {
            field.placeholder = script.dataset.schedulePlaceholder;
            const described = (field.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
            field.setAttribute('aria-describedby', [...described, hint.id].join(' '));
        });
    };

    document.addEventListener(
        'keydown',
        (event) => {
            const field = event.key === 'Tab' && event.target.closest && event.target.closest(SCHEDULE_FIELDS);
            if (field && window.jQuery) window.jQuery(field).datetimepicker('hide');
        },
        true,
    );

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', addHint);
    } else {
        addHint();
    }
})();

