/**
 * A tour step that photographs the screen for the user guides.
 *
 * When the tours run with LAW_CRM_SCREENSHOTS set (`make screenshots`),
 * LawTourCase (law_crm/tests/common.py) sets the cookie law_crm_screenshots:
 * the step then logs "law_crm screenshot <name>.<language>", the test takes
 * the screenshot through Chrome DevTools, saves it as <name>.<language>.png
 * and answers by setting window.lawCrmScreenshot; the tour goes on after
 * that answer. Otherwise the step only waits for its trigger.
 */
import { user } from "@web/core/user";

const SETTLE_MS = 300; // let dropdowns, dialogs and notifications finish appearing
const ANSWER_TIMEOUT_MS = 10000;

function delay(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * @param {string} name lower-case words joined by hyphens, e.g. "intake-inquiry"
 * @param {string} [trigger] what must be on screen first
 * @param {Object} [options]
 * @param {boolean} [options.closeDropdowns] close open autocomplete lists
 *     first (a late search answer can reopen one after a click elsewhere,
 *     so the tour cannot wait for it to be closed)
 */
export function screenshot(name, trigger = "body", { closeDropdowns = false } = {}) {
    return {
        content: `Screenshot for the user guide: ${name}`,
        trigger,
        run: async () => {
            if (!document.cookie.split("; ").includes("law_crm_screenshots=1")) {
                return;
            }
            const file = `${name}.${user.lang.split(/[-_]/)[0]}`;
            if (closeDropdowns) {
                // Autocompletes close on a pointerdown outside them.
                document.body.dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
            }
            await delay(SETTLE_MS);
            console.log(`law_crm screenshot ${file}`);
            const start = Date.now();
            while (window.lawCrmScreenshot !== file) {
                if (Date.now() - start > ANSWER_TIMEOUT_MS) {
                    throw new Error(`No screenshot ${file} was taken`);
                }
                await delay(50);
            }
        },
    };
}
