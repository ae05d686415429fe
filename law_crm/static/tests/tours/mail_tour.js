/**
 * Email on matters (issue 12, flow 3), run by law_crm/tests/test_tour_mail.py
 * once in English and once in bokmål. The test first feeds two emails to
 * the mail gateway: one the lawyer Ingrid forwarded to the firm's logging
 * address, one from an unknown sender that the gateway could not place.
 * Ingrid finds the first on her matter and files the second from triage
 * onto the right matter. Triggers use field, button and menu names.
 */
import { registry } from "@web/core/registry";
import { screenshot } from "./screenshot";

const FORWARDED = "laytime calculation";
const MISROUTED = "Laytime documents";

registry.category("web_tour.tours").add("law_crm_mail", {
    steps: () => [
        {
            content: "Open the charter party arbitration",
            trigger: ".o_kanban_record:contains(Fjord Shipping)",
            run: "click",
        },
        {
            content: "The forwarded email is on the matter",
            trigger: `.o-mail-Chatter .o-mail-Message:contains("${FORWARDED}")`,
        },
        screenshot("lawyer-email-on-matter"),
        {
            content: "Email triage, from the Correspondence menu",
            trigger: ".o_main_navbar [data-menu-xmlid='law_crm.menu_law_correspondence_root']",
            run: "click",
        },
        {
            trigger: "[data-menu-xmlid='law_crm.menu_law_mail_triage']",
            run: "click",
        },
        {
            content: "The email the gateway could not place",
            trigger: `.o_list_view .o_data_row:contains("${MISROUTED}") td[name=subject]`,
            run: "click",
        },
        {
            content: "It belongs on the charter party arbitration",
            trigger: ".o_form_view .o_field_widget[name=matter_id] input",
            run: "edit Fjord Shipping",
        },
        {
            trigger: ".o-autocomplete--dropdown-item a:contains(Fjord Shipping)",
            run: "click",
        },
        {
            trigger: ".o_statusbar_buttons button[name=action_file]",
            run: "click",
        },
        {
            content: "Filed: it is in the matter's correspondence log",
            trigger:
                ".o_form_view .o_form_saved:not(:has(button[name=action_file])) .o_field_widget[name=correspondence_ids]",
        },
        screenshot("lawyer-email-triage"),
    ],
});
